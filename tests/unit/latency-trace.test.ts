import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLatencyTrace } from '../../server/realtime/latency-trace';

describe('latency trace (bench diagnostic)', () => {
  it('is off without a file', () => {
    expect(openLatencyTrace(undefined)).toBeNull();
    expect(openLatencyTrace('')).toBeNull();
  });

  it('records every edit marker found in an update with the stage and the time', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'accord-trace-')), 'server.trace');
    const trace = openLatencyTrace(file);
    if (!trace) throw new Error('expected a trace');
    const before = performance.timeOrigin + performance.now();
    // Bytes around the markers, as in a Yjs update carrying two inserts.
    trace.mark('recv', new Uint8Array([1, 2, ...Buffer.from('<1796574704991.441>'), 0, ...Buffer.from('x<12.5>y'), 255]));
    trace.mark('sent', Buffer.from('no marker here <12> <a.b>'));
    trace.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n').filter((l) => !l.startsWith('gc '));
    expect(lines.map((l) => l.split(' ').slice(0, 2))).toEqual([
      ['recv', '1796574704991.441'],
      ['recv', '12.5'],
    ]);
    for (const l of lines) expect(Number(l.split(' ')[2])).toBeGreaterThanOrEqual(Math.floor(before));
  });
});
