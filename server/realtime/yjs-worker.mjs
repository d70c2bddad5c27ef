// Worker bootstrap: lets the worker load TypeScript like the server does (tsx), then
// runs the task loop. Kept as .mjs because a worker cannot take --import flags.
import { register } from 'tsx/esm/api';

register();
await import('./yjs-worker-tasks.ts');
