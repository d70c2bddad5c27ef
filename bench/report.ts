import type { ColdLoadResult } from './cold-load';
import type { Outcome, Workload } from './workloads';

/** Markdown for the bench's results: what `npm run bench` prints and saves. */

const ms = (v: number) => (Number.isFinite(v) ? (Math.abs(v) < 10 ? v.toFixed(1) : v.toFixed(0)) : '—');
const kb = (v: number) => `${Math.round(v)} KiB`;

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function delivered(o: Outcome): string {
  const { received, expected, edits, plannedEdits } = o.result;
  const lost = expected - received;
  const behind = edits < plannedEdits ? `; clients made only ${edits}/${plannedEdits} edits` : '';
  return `${received}/${expected}${lost === 0 ? '' : ` (**${lost} lost**)`}${behind}`;
}

function errors(o: Outcome): string {
  const entries = Object.entries(o.result.errors);
  return entries.length === 0 ? '' : ` errors: ${entries.map(([k, v]) => `${k}×${v}`).join(', ')}`;
}

function rssPerConnection(o: Outcome): string {
  const clients = o.workload.docs * o.workload.clientsPerDoc;
  return kb((o.rssAfterKb - o.rssBeforeKb) / clients);
}

export function workloadTable(outcomes: Outcome[]): string {
  const isRepeated = outcomes.some((o) => o.round > 1);
  return table(
    ['workload', 'server', 'p50 ms', 'p99 ms', 'max ms', 'warm-up p50/p99 ms', 'delivered', 'RSS/conn', 'server CPU', 'clients CPU (busiest loop)', 'other CPU', 'durable ack p50/p99 ms'],
    outcomes.map((o) => [
      `${o.workload.id}: ${o.workload.label}${isRepeated && o.workload.id === 'a' ? `, round ${o.round}` : ''}`,
      o.server,
      ms(o.result.latency.p50),
      ms(o.result.latency.p99),
      ms(o.result.latency.max),
      o.result.warmupLatency.count > 0 ? `${ms(o.result.warmupLatency.p50)} / ${ms(o.result.warmupLatency.p99)}` : '—',
      delivered(o) + errors(o),
      rssPerConnection(o),
      `${o.serverCpuPercent.toFixed(0)}%`,
      `${o.result.clientCpuPercent.toFixed(0)}% (${o.result.clientBusyPercent.toFixed(0)}%)`,
      `${o.otherCpuPercent.toFixed(0)}%`,
      o.result.ack ? `${ms(o.result.ack.p50)} / ${ms(o.result.ack.p99)}` : 'n/a (no durable ack)',
    ]),
  );
}

/**
 * The CPU columns per unit of work: the server's CPU per edit it relayed, and the clients'
 * CPU per delivery they applied (their own edits are a small part of it). On a machine
 * whose cores the server and the clients share, both decide how fast a stalled client
 * catches up, so both shape the tail.
 */
export function cpuPerWorkTable(outcomes: Outcome[]): string {
  const us = (percent: number, o: Outcome, count: number) => (count > 0 ? ((percent / 100) * o.cpuWindowSeconds * 1e6) / count : Number.NaN);
  return table(
    ['workload', 'server', 'edits', 'deliveries', 'server CPU per edit', 'clients CPU per delivery'],
    outcomes.map((o) => [
      `${o.workload.id}${outcomes.some((x) => x.round > 1 && x.workload.id === o.workload.id) ? `, round ${o.round}` : ''}`,
      o.server,
      String(o.result.edits),
      String(o.result.received),
      `${us(o.serverCpuPercent, o, o.result.edits).toFixed(0)} µs`,
      `${us(o.result.clientCpuPercent, o, o.result.received).toFixed(1)} µs`,
    ]),
  );
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Accord's p99 over each peer's, with the issue's targets (≤ 1.0 vs y-websocket, < 1.0 vs
 * Hocuspocus). A workload run in several rounds gets one ratio per round (both servers of
 * a ratio ran in the same round) and the verdict is on their median.
 */
export function ratioTable(outcomes: Outcome[], workloads: Workload[]): string {
  const rows: string[][] = [];
  for (const w of workloads) {
    const rounds = [...new Set(outcomes.filter((o) => o.workload.id === w.id).map((o) => o.round))].sort((a, b) => a - b);
    const of = (server: string, round: number) => outcomes.find((o) => o.workload.id === w.id && o.server === server && o.round === round);
    for (const [server, peer, target, isMet] of [
      ['Accord', 'y-websocket', '≤ 1.0', (r: number) => r <= 1],
      ['Accord', 'hocuspocus', '< 1.0', (r: number) => r < 1],
      // The same server with the browser's client library (socket.io-client) in the load processes.
      ['Accord (socket.io-client)', 'y-websocket', null, null],
      ['Accord (socket.io-client)', 'Accord', null, null],
      // A variant (BENCH_VARIANT_NODE_FLAGS) is judged against the unchanged server of the same rounds.
      ['Accord variant', 'Accord', null, null],
    ] as const) {
      const p99s: number[] = [];
      const p50s: number[] = [];
      for (const round of rounds) {
        const accord = of(server, round);
        const other = of(peer, round);
        if (!accord || !other) continue;
        p99s.push(accord.result.latency.p99 / other.result.latency.p99);
        p50s.push(accord.result.latency.p50 / other.result.latency.p50);
      }
      if (p99s.length === 0) continue;
      const p99 = median(p99s);
      rows.push([
        w.id,
        `${server} / ${peer}`,
        p99.toFixed(2),
        median(p50s).toFixed(2),
        p99s.length > 1 ? p99s.map((r) => r.toFixed(2)).join(', ') : '—',
        target ?? '—',
        isMet === null ? 'below 1.0 is better' : isMet(p99) ? 'met' : '**not met**',
      ]);
    }
  }
  return table(['workload', 'ratio', 'p99 ratio (median)', 'p50 ratio (median)', 'p99 ratio per round', 'target (p99)', ''], rows);
}

/**
 * Runs whose clients could not keep up (busiest event loop ≥ 95 % or edits missed): their
 * latencies say more about the clients' work than about the server. Empty when none.
 */
export function clientBoundNote(outcomes: Outcome[]): string {
  const bound = outcomes.filter((o) => o.result.clientBusyPercent >= 95 || o.result.edits < o.result.plannedEdits);
  if (bound.length === 0) return '';
  const names = bound.map((o) => `${o.workload.id}/${o.server}`).join(', ');
  return (
    `Client-bound: ${names}. The load processes were saturated (Yjs clients apply every update; with 200 writers in a doc ` +
    'each apply costs ~50 µs, 40,000 a second in b), so these latencies measure client-side work per delivered message ' +
    'more than the server.'
  );
}

export function coldLoadTable(c: ColdLoadResult): string {
  return table(
    ['Accord doc with a long log', 'cold join + sync'],
    [
      [`${c.updates.toLocaleString('en-US')} updates in the log (${c.rowsBeforeCompaction.toLocaleString('en-US')} rows), not compacted`, `${ms(c.beforeMs)} ms`],
      [`after compaction (took ${ms(c.compactMs)} ms, run by the bench)`, `${ms(c.afterMs)} ms`],
      [`  of the first: reading the log alone / folding it in a worker alone`, `${ms(c.readLogMs)} ms / ${ms(c.mergeMs)} ms`],
    ],
  );
}

export function multiNodeTable(single: Outcome, multi: Outcome): string {
  const d = (a: number, b: number) => `${b - a >= 0 ? '+' : ''}${ms(b - a)}`;
  return table(
    ['b: 1 doc × 200 clients', 'p50 ms', 'p99 ms', 'delivered', 'server CPU (all nodes)', 'durable ack p50/p99 ms'],
    [
      ...[single, multi].map((o) => [
        o.server,
        ms(o.result.latency.p50),
        ms(o.result.latency.p99),
        delivered(o) + errors(o),
        `${o.serverCpuPercent.toFixed(0)}%`,
        o.result.ack ? `${ms(o.result.ack.p50)} / ${ms(o.result.ack.p99)}` : '',
      ]),
      ['difference (two nodes − one)', d(single.result.latency.p50, multi.result.latency.p50), d(single.result.latency.p99, multi.result.latency.p99), '', '', ''],
    ],
  );
}
