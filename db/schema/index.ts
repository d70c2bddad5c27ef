export * from './people';
export * from './audit';
export * from './boards';
export * from './realtime';
export * from './ibb';
