export * from './people';
export * from './audit';
