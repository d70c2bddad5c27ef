import { parentPort } from 'node:worker_threads';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { validateUpdate } from '../../domain/sync/validate-update';
import type { WorkerRequest, WorkerResponse } from './yjs-worker-types';

/**
 * Runs untrusted or heavy Yjs work off the event loop: validating client updates and
 * folding a doc's snapshot + update log into one state (load and compaction).
 */
function merge(snapshot: Uint8Array | null, packedUpdates: Uint8Array): { state: Uint8Array; stateVector: Uint8Array } {
  const doc = new Y.Doc({ gc: true });
  // Apply into a Y.Doc rather than Y.mergeUpdates: merging a long log is super-linear.
  doc.transact(() => {
    if (snapshot) Y.applyUpdate(doc, snapshot);
    const decoder = decoding.createDecoder(packedUpdates);
    while (decoding.hasContent(decoder)) Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  });
  return { state: Y.encodeStateAsUpdate(doc), stateVector: Y.encodeStateVector(doc) };
}

function handle(req: WorkerRequest): WorkerResponse {
  switch (req.type) {
    case 'validate':
      return { id: req.id, type: 'validate', result: validateUpdate(req.input) };
    case 'merge': {
      const { state, stateVector } = merge(req.snapshot, req.packedUpdates);
      return { id: req.id, type: 'merge', state, stateVector };
    }
  }
}

parentPort?.on('message', (req: WorkerRequest) => {
  let res: WorkerResponse;
  try {
    res = handle(req);
  } catch (err) {
    res = { id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(res);
});
parentPort?.postMessage({ id: 0, type: 'ready' });
