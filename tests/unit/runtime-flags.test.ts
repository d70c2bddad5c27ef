import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS, missingServerFlags } from '../../server/runtime-flags';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('server runtime flags', () => {
  it('npm start runs node with exactly the flags server/runtime-flags.ts names', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const start = pkg.scripts.start ?? '';
    const words = start.split(/\s+/);
    expect(words[0]).toBe('node');
    // Node options go before the entry point; everything between `node` and `--import` is ours.
    const flags = words.slice(1, words.indexOf('--import'));
    expect(flags).toEqual([...SERVER_NODE_FLAGS]);
    expect(start.endsWith('--import tsx server/start.ts')).toBe(true);
  });

  it('names the flags a process was started without', () => {
    expect(missingServerFlags([...SERVER_NODE_FLAGS, '--inspect'])).toEqual([]);
    expect(missingServerFlags(['--single-threaded-gc'])).toEqual(['--min-semi-space-size=32', '--max-semi-space-size=32', '--interrupt-budget=16384', '--wasm-tiering-budget=100000']);
  });

  it('node accepts them and they give the young generation its fixed size', () => {
    const script = "const s = require('v8').getHeapSpaceStatistics().find((x) => x.space_name === 'new_space'); console.log(s.space_size)";
    const out = execFileSync(process.execPath, [...SERVER_NODE_FLAGS, '-e', script], { encoding: 'utf8' });
    expect(Number(out.trim())).toBe(32 * 1024 * 1024);
  });
});
