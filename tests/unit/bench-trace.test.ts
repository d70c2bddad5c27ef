import { describe, expect, it } from 'vitest';
import { analyzeTrace, traceMarkdown } from '../../bench/trace-report';

/** Client lines for deliveries of one marker to several receivers. */
function got(marker: string, appliedAt: number[]): string[] {
  return appliedAt.map((t) => `got ${marker} ${t.toFixed(3)}`);
}

describe('bench trace report', () => {
  it('splits each delivery into client → server, in the server and server → applied, and finds what the tail is made of', () => {
    const server: string[] = [];
    const clients: string[] = ['from 1000.000'];
    // 200 quick edits: 0.5 ms to the server, 0.5 in it, 1 ms to the receivers.
    for (let i = 0; i < 200; i++) {
      const sent = 1000 + i * 10;
      const m = sent.toFixed(3);
      server.push(`recv ${m} ${(sent + 0.5).toFixed(3)}`, `turn ${m} ${(sent + 0.7).toFixed(3)}`, `sent ${m} ${(sent + 1).toFixed(3)}`);
      clients.push(...got(m, [sent + 2, sent + 2]));
    }
    // Two slow edits, late on the receivers' side: a stall in a load process.
    for (const sent of [3005, 3015]) {
      const m = sent.toFixed(3);
      server.push(`recv ${m} ${(sent + 0.5).toFixed(3)}`, `turn ${m} ${(sent + 0.7).toFixed(3)}`, `sent ${m} ${(sent + 1).toFixed(3)}`);
      clients.push(...got(m, [sent + 41, sent + 41, sent + 41, sent + 41, sent + 41]));
    }
    // A warm-up edit, before `from`: left out.
    clients.push(...got('900.000', [1500]));
    clients.push('gc 1500.000 7.50', 'gc 1600.000 1.00', 'gc 500.000 90.00');
    // A start-up GC before the measured window does not count.
    server.push('gc 1700.000 2.00', 'gc 10.000 150.00');

    const t = analyzeTrace(server, clients);
    expect(t.deliveries).toBe(410);
    expect(t.p99).toBeCloseTo(41, 5);
    expect(t.tailWindows).toBe(1); // both slow edits were sent within the same 100 ms
    const part = (name: string) => t.components?.find((c) => c.name === name);
    expect(part('client → server')?.p50).toBeCloseTo(0.5, 5);
    expect(part('in the server')?.p50).toBeCloseTo(0.5, 5);
    expect(part('of which waiting for the broadcast turn')?.p50).toBeCloseTo(0.2, 5);
    expect(part('server → applied')?.p50).toBeCloseTo(1, 5);
    expect(part('server → applied')?.tailMean).toBeCloseTo(40, 5);
    expect(part('in the server')?.tailMean).toBeCloseTo(0.5, 5);
    expect(t.clientGc).toEqual({ count: 2, over5ms: 1, maxMs: 7.5 });
    expect(t.serverGc).toEqual({ count: 1, over5ms: 0, maxMs: 2 });
  });

  it('reports totals only for a server that is not instrumented', () => {
    const t = analyzeTrace([], ['from 0.000', ...got('10.000', [12, 13]), ...got('20.000', [21])]);
    expect(t.components).toBeNull();
    expect(t.serverGc).toBeNull();
    expect(t.deliveries).toBe(3);
    const md = traceMarkdown([{ server: 'y-websocket (a)', round: 1, trace: t }]);
    expect(md).toContain('| y-websocket (a), round 1 | 3 |');
    expect(md).toContain('not instrumented');
    expect(md).not.toContain('part of the delivery');
  });
});
