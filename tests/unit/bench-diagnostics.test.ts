import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * bench/diagnostics/*.patch are commands in the bench's README: each must still apply to
 * the server as it is, and each must only ever switch on under the variant's flag.
 */
const dir = path.join(process.cwd(), 'bench/diagnostics');
const patches = readdirSync(dir).filter((f) => f.endsWith('.patch'));

describe('bench diagnostics patches', () => {
  it('exist', () => {
    expect(patches.sort()).toEqual(['no-database.patch', 'relay-only.patch']);
  });

  it.each(patches)('%s applies to the current server', (name) => {
    // `git apply --check` applies nothing; it fails (and throws here) when a hunk no longer fits.
    expect(() => execFileSync('git', ['apply', '--check', path.join(dir, name)], { cwd: process.cwd(), stdio: 'pipe' })).not.toThrow();
  });

  it.each(patches)('%s only changes behaviour for the variant', (name) => {
    const added = readFileSync(path.join(dir, name), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('+') && !line.startsWith('+++'));
    const code = added.filter((line) => !/^\+\s*\/\//.test(line));
    expect(code[0]).toMatch(/process\.title === 'accord-variant'/);
  });
});
