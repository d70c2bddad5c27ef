import { describe, expect, it } from 'vitest';
import { cpuPerWorkTable, median, ratioTable, workloadTable } from '../../bench/report';
import type { Outcome, Workload } from '../../bench/workloads';

const a: Workload = { id: 'a', label: '4 docs × 50 clients', docs: 4, clientsPerDoc: 50 };
const b: Workload = { id: 'b', label: '1 doc × 200 clients', docs: 1, clientsPerDoc: 200 };

function outcome(server: string, w: Workload, round: number, p50: number, p99: number): Outcome {
  const pct = { count: 100, p50, p99, max: p99 * 2 };
  return {
    server,
    workload: w,
    round,
    result: {
      latency: pct,
      warmupLatency: pct,
      ack: server === 'Accord' ? pct : null,
      edits: 10,
      plannedEdits: 10,
      expected: 90,
      received: 90,
      errors: {},
      clientCpuPercent: 50,
      clientBusyPercent: 40,
    },
    connectMs: 1,
    rssBeforeKb: 0,
    rssAfterKb: 0,
    serverCpuPercent: 20,
    otherCpuPercent: 0,
    cpuWindowSeconds: 10,
  };
}

/** The cells of the ratio table's row for one peer. */
function row(markdown: string, workload: string, peer: string): string[] {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${workload} | Accord / ${peer} |`));
  if (!line) throw new Error(`no row for ${workload} / ${peer}`);
  return line.split('|').map((c) => c.trim()).slice(1, -1);
}

describe('bench report', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('pairs servers of the same round and judges the median of the per-round ratios', () => {
    const outcomes = [
      // Round 1: Accord 2× y-websocket; round 2: 0.5×; round 3: 0.8×. Median 0.8 → met,
      // although the pooled mean of Accord's p99s (20) is above y-websocket's (~16.7).
      outcome('Accord', a, 1, 2, 40),
      outcome('y-websocket', a, 1, 2, 20),
      outcome('hocuspocus', a, 1, 2, 40),
      outcome('y-websocket', a, 2, 2, 20),
      outcome('hocuspocus', a, 2, 2, 40),
      outcome('Accord', a, 2, 2, 10),
      outcome('hocuspocus', a, 3, 2, 10),
      outcome('Accord', a, 3, 2, 8),
      outcome('y-websocket', a, 3, 2, 10),
    ];
    const table = ratioTable(outcomes, [a]);
    expect(row(table, 'a', 'y-websocket')).toEqual(['a', 'Accord / y-websocket', '0.80', '1.00', '2.00, 0.50, 0.80', '≤ 1.0', 'met']);
    // Against Hocuspocus: 1.0, 0.25, 0.8 → median 0.8 < 1.
    expect(row(table, 'a', 'hocuspocus')[2]).toBe('0.80');
    expect(row(table, 'a', 'hocuspocus')[6]).toBe('met');
  });

  it('keeps the strict target against Hocuspocus and one-run workloads without a per-round column', () => {
    const outcomes = [outcome('Accord', b, 1, 5, 30), outcome('y-websocket', b, 1, 5, 30), outcome('hocuspocus', b, 1, 5, 30)];
    const table = ratioTable(outcomes, [b]);
    expect(row(table, 'b', 'y-websocket')).toEqual(['b', 'Accord / y-websocket', '1.00', '1.00', '—', '≤ 1.0', 'met']);
    expect(row(table, 'b', 'hocuspocus')).toEqual(['b', 'Accord / hocuspocus', '1.00', '1.00', '—', '< 1.0', '**not met**']);
  });

  it('shows the socket.io-client row against y-websocket and against Accord, without a verdict', () => {
    const outcomes = [
      outcome('Accord', a, 1, 2, 10),
      outcome('Accord (socket.io-client)', a, 1, 2, 12),
      outcome('y-websocket', a, 1, 2, 10),
    ];
    const table = ratioTable(outcomes, [a]);
    expect(row(table, 'a', 'y-websocket')[6]).toBe('met');
    const rows = table.split('\n').filter((l) => l.includes('Accord (socket.io-client) /'));
    expect(rows).toEqual([
      '| a | Accord (socket.io-client) / y-websocket | 1.20 | 1.00 | — | — | below 1.0 is better |',
      '| a | Accord (socket.io-client) / Accord | 1.20 | 1.00 | — | — | below 1.0 is better |',
    ]);
  });

  it('labels the rounds of a repeated workload in the results table', () => {
    const table = workloadTable([outcome('Accord', a, 1, 2, 40), outcome('Accord', a, 2, 2, 10), outcome('Accord', b, 1, 2, 10)]);
    expect(table).toContain('| a: 4 docs × 50 clients, round 1 | Accord |');
    expect(table).toContain('| a: 4 docs × 50 clients, round 2 | Accord |');
    expect(table).toContain('| b: 1 doc × 200 clients | Accord |');
  });

  it('puts the CPU columns per edit (server) and per delivery (clients)', () => {
    // 20 % of a core over 10 s is 2 s of CPU: 200,000 µs for each of 10 edits; the clients'
    // 50 % is 5 s over 90 deliveries.
    const table = cpuPerWorkTable([outcome('Accord', a, 1, 2, 40), outcome('Accord', a, 2, 2, 10), outcome('y-websocket', b, 1, 2, 10)]);
    expect(table).toContain('| a, round 1 | Accord | 10 | 90 | 200000 µs | 55555.6 µs |');
    expect(table).toContain('| a, round 2 | Accord |');
    expect(table).toContain('| b | y-websocket | 10 | 90 | 200000 µs | 55555.6 µs |');
  });
});
