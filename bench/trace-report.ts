import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * BENCH_TRACE_DIR: where each delivery's time went. The load processes write, per
 * delivery, the edit's marker (its send time) and when the receiver applied it, plus their
 * GC pauses; Accord's server (ACCORD_LATENCY_TRACE, server/realtime/latency-trace.ts)
 * writes when it received each marker, when the broadcast turn carrying it began and when
 * that turn's frames were written. Joined on the marker, every delivery splits into
 *   client → server (sender's loop, socket, server's receive path),
 *   in the server (validation, apply, the wait for the broadcast turn, the writes),
 *   server → applied (kernel, receiver's event loop, socket.io/Yjs on the receiver).
 * The peers' servers are not instrumented: for them only the totals and the clients' side.
 */

export interface Component {
  name: string;
  p50: number;
  p99: number;
  /** Mean over the slowest 1 % of deliveries: what the tail is made of. */
  tailMean: number;
}

export interface GcPauses {
  count: number;
  over5ms: number;
  maxMs: number;
}

export interface TraceSummary {
  deliveries: number;
  p99: number;
  /** 100 ms windows (by send time) that hold the slowest 1 %: few means a few stalls set the p99. */
  tailWindows: number;
  /** Accord only (the server is instrumented); null for the peers. */
  components: Component[] | null;
  clientGc: GcPauses;
  serverGc: GcPauses | null;
}

interface ServerMarks {
  recv?: number;
  turn?: number;
  sent?: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function gcPauses(pauses: number[]): GcPauses {
  return { count: pauses.length, over5ms: pauses.filter((p) => p > 5).length, maxMs: pauses.reduce((m, p) => Math.max(m, p), 0) };
}

/**
 * Pure: the lines of the server trace(s) (empty for a peer) and of the load processes'
 * traces. Client lines: `from <wall ms>` (end of the warm-up), `got <marker> <wall ms>`,
 * `gc <wall ms> <pause ms>`. Server lines: `recv|turn|sent <marker> <wall ms>`, `gc …`.
 */
export function analyzeTrace(serverLines: string[], clientLines: string[]): TraceSummary {
  const marks = new Map<string, ServerMarks>();
  const serverGc: [number, number][] = [];
  for (const line of serverLines) {
    const [kind, a, b] = line.split(' ');
    if (!kind || a === undefined || b === undefined) continue;
    if (kind === 'gc') serverGc.push([Number(a), Number(b)]);
    else if (kind === 'recv' || kind === 'turn' || kind === 'sent') {
      const m = marks.get(a) ?? {};
      // The earliest time counts: with several nodes, each node that relays an edit marks it.
      m[kind] = Math.min(m[kind] ?? Number.POSITIVE_INFINITY, Number(b));
      marks.set(a, m);
    }
  }
  let from = Number.NEGATIVE_INFINITY;
  const clientGc: [number, number][] = [];
  const deliveries: { sent: number; got: number; marker: string }[] = [];
  for (const line of clientLines) {
    const [kind, a, b] = line.split(' ');
    if (kind === 'from' && a !== undefined) from = Math.max(from, Number(a));
    else if (kind === 'gc' && a !== undefined && b !== undefined) clientGc.push([Number(a), Number(b)]);
    else if (kind === 'got' && a !== undefined && b !== undefined) deliveries.push({ marker: a, sent: Number(a), got: Number(b) });
  }
  const measured = deliveries.filter((d) => d.sent >= from);
  const totals = measured.map((d) => d.got - d.sent).sort((x, y) => x - y);
  const p99 = quantile(totals, 0.99);
  const tail = measured.filter((d) => d.got - d.sent >= p99);
  const tailWindows = new Set(tail.map((d) => Math.floor(d.sent / 100))).size;

  let components: Component[] | null = null;
  if (serverLines.length > 0) {
    const parts: Record<string, (d: { sent: number; got: number }, m: Required<ServerMarks>) => number> = {
      'client → server': (d, m) => m.recv - d.sent,
      'in the server': (_d, m) => m.sent - m.recv,
      'of which waiting for the broadcast turn': (_d, m) => m.turn - m.recv,
      'server → applied': (d, m) => d.got - m.sent,
    };
    const joined = measured.flatMap((d) => {
      const m = marks.get(d.marker);
      return m?.recv !== undefined && m.turn !== undefined && m.sent !== undefined ? [{ d, m: m as Required<ServerMarks>, total: d.got - d.sent }] : [];
    });
    const joinedTail = joined.filter((j) => j.total >= p99);
    components = Object.entries(parts).map(([name, f]) => {
      const values = joined.map((j) => f(j.d, j.m)).sort((x, y) => x - y);
      const tailValues = joinedTail.map((j) => f(j.d, j.m));
      return { name, p50: quantile(values, 0.5), p99: quantile(values, 0.99), tailMean: tailValues.reduce((s, v) => s + v, 0) / Math.max(1, tailValues.length) };
    });
  }
  // GC pauses while measured deliveries were in flight (not start-up, sign-ins or the drain's end).
  const until = measured.reduce((m, d) => Math.max(m, d.got), Number.NEGATIVE_INFINITY);
  const inWindow = (list: [number, number][]) => list.filter(([at]) => at >= from && at <= until).map(([, pause]) => pause);
  return { deliveries: measured.length, p99, tailWindows, components, clientGc: gcPauses(inWindow(clientGc)), serverGc: serverLines.length > 0 ? gcPauses(inWindow(serverGc)) : null };
}

function linesOf(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
}

/** Reads `<base>.server-*` and `<base>.clients-*` (written by one run) and analyzes them. */
export function summarizeTraceFiles(base: string): TraceSummary | null {
  const dir = path.dirname(base);
  if (!existsSync(dir)) return null;
  const prefix = path.basename(base);
  const files = readdirSync(dir).filter((f) => f.startsWith(`${prefix}.`));
  const of = (kind: string) => files.filter((f) => f.startsWith(`${prefix}.${kind}-`)).flatMap((f) => linesOf(path.join(dir, f)));
  const clientLines = of('clients');
  if (clientLines.length === 0) return null;
  return analyzeTrace(of('server'), clientLines);
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');

/** Markdown for the results file: one table of totals, one of Accord's components. */
export function traceMarkdown(runs: { server: string; round: number; trace: TraceSummary }[]): string {
  if (runs.length === 0) return '';
  const out = ['## Where the time went (BENCH_TRACE_DIR)', '', '| run | deliveries | p99 ms | 100 ms windows holding the slowest 1 % | GC pauses > 5 ms in the load processes (longest ms) | GC pauses > 5 ms on the server\'s event loop (longest ms) |', '| --- | --- | --- | --- | --- | --- |'];
  for (const r of runs) {
    const t = r.trace;
    out.push(`| ${r.server}, round ${r.round} | ${t.deliveries} | ${ms(t.p99)} | ${t.tailWindows} | ${t.clientGc.over5ms} (${ms(t.clientGc.maxMs)}) | ${t.serverGc ? `${t.serverGc.over5ms} (${ms(t.serverGc.maxMs)})` : 'not instrumented'} |`);
  }
  const split = runs.filter((r) => r.trace.components);
  if (split.length > 0) {
    out.push('', '| run | part of the delivery | p50 ms | p99 ms | mean over the slowest 1 % |', '| --- | --- | --- | --- | --- |');
    for (const r of split) for (const c of r.trace.components ?? []) out.push(`| ${r.server}, round ${r.round} | ${c.name} | ${ms(c.p50)} | ${ms(c.p99)} | ${ms(c.tailMean)} |`);
  }
  out.push('', 'Each delivery joined on its edit marker: client → server is the sender\'s loop, the socket and the server\'s receive path; in the server, from receipt to the last frame of the broadcast turn written; server → applied, the kernel and the receiving client\'s event loop, socket.io and Yjs.', '');
  return out.join('\n');
}
