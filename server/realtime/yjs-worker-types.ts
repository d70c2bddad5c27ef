import type { ValidateInput, ValidateResult } from '../../domain/sync/validate-update';

export type WorkerRequest =
  | { id: number; type: 'validate'; input: ValidateInput }
  | { id: number; type: 'merge'; snapshot: Uint8Array | null; packedUpdates: Uint8Array };

export type WorkerResponse =
  | { id: number; type: 'ready' }
  | { id: number; type: 'validate'; result: ValidateResult }
  | { id: number; type: 'merge'; state: Uint8Array; stateVector: Uint8Array }
  | { id: number; type: 'error'; message: string };
