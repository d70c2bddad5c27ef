import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale';
import { env } from './env';

// `npm start`: build the web app if needed, then run the server.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
buildIfStale(root, env().ACCORD_NEXT_DIST_DIR);
await import('./index');
