import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import type { Editor } from './editors';
import { openTraceWriter } from '../../server/realtime/latency-trace';
import { openEditor } from './editors';
import type { ClientSpec, DrainReport, EditReport, FromLoad, ServerKind, ToLoad } from './messages';
import { Samples } from './samples';

/**
 * The client side of a bench run, in processes of its own so that the clients' work does
 * not land on the server's CPU time or RSS. Driven by the runner over IPC:
 * connect → (runner reads server RSS) → run → drain → close.
 *
 * Every edit inserts `<t>` at the end of the doc's Y.Text "bench", where t is the sender's
 * wall clock in high resolution (timeOrigin + now agree across processes on one machine
 * to well under 0.1 ms), so any receiver can compute the edit-to-apply latency.
 */

const TEXT = 'bench';
const MARKER = /<(\d+\.\d+)>/g;
const CONNECT_CONCURRENCY = 20;
/** The drain gives up once nothing has arrived for this long: what is still missing then is lost. */
const STALL_MS = 10_000;

interface Client {
  spec: ClientSpec;
  editor: Editor;
}

const latencies = new Samples();
const warmupLatencies = new Samples();
const acks = new Samples();
/** Wall clock (the markers' unit) at which the warm-up ends: earlier edits are sampled apart. */
let measureFrom = Number.POSITIVE_INFINITY;
const errors: Record<string, number> = {};
let received = 0;
let isMeasuring = false;
let clients: Client[] = [];
let window: { cpu: NodeJS.CpuUsage; elu: ReturnType<typeof performance.eventLoopUtilization> } | null = null;

const clock = () => performance.timeOrigin + performance.now();

/**
 * BENCH_TRACE_FILE (set by the runner under BENCH_TRACE_DIR): every delivery's marker and
 * apply time, the end of the warm-up and this process's GC pauses, for bench/trace-report.ts.
 */
const trace = process.env.BENCH_TRACE_FILE ? openTraceWriter(process.env.BENCH_TRACE_FILE) : null;

function countError(code: string): void {
  errors[code] = (errors[code] ?? 0) + 1;
}

/**
 * Counts every edit marker another client inserted, with its latency. It reads the
 * structs each remote transaction added (newest at the end of each client's list)
 * rather than the Y.Text event's delta, which walks the whole text on every event and
 * would make the clients, not the server, the bottleneck as the text grows.
 */
function watch(doc: Y.Doc): void {
  doc.getText(TEXT);
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.local || !isMeasuring) return;
    const now = clock();
    for (const [client, after] of tr.afterState) {
      const before = tr.beforeState.get(client) ?? 0;
      if (after <= before) continue;
      const structs = doc.store.clients.get(client) ?? [];
      for (let i = structs.length - 1; i >= 0; i--) {
        const s = structs[i];
        if (!s || s.id.clock + s.length <= before) break;
        if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentString)) continue;
        const added = s.id.clock < before ? s.content.str.slice(before - s.id.clock) : s.content.str;
        for (const m of added.matchAll(MARKER)) {
          received++;
          const sent = Number(m[1]);
          trace?.line(`got ${m[1]} ${now.toFixed(3)}`);
          (sent >= measureFrom ? latencies : warmupLatencies).push(now - sent);
        }
      }
    }
  });
}

async function connect(kind: ServerKind, specs: ClientSpec[]): Promise<number> {
  const started = performance.now();
  const hooks = {
    onAck: (ms: number, ok: boolean, code: string | null) => {
      if (!ok) countError(`ack:${code ?? 'unknown'}`);
      else if (clock() - ms >= measureFrom) acks.push(ms);
    },
    onError: countError,
  };
  for (let i = 0; i < specs.length; i += CONNECT_CONCURRENCY) {
    const batch = specs.slice(i, i + CONNECT_CONCURRENCY);
    const editors = await Promise.all(batch.map((spec) => openEditor(kind, spec, hooks)));
    batch.forEach((spec, j) => {
      const editor = editors[j];
      if (!editor) return;
      watch(editor.doc);
      clients.push({ spec, editor });
    });
  }
  return performance.now() - started;
}

/**
 * Each client edits once a second from a random phase, for `seconds`, on a fixed
 * schedule (not "a second after the last edit", which would slow the offered load down
 * whenever the clients are busy). A slot missed by more than a second is skipped and
 * shows up as fewer edits than planned.
 */
async function run(measuredSeconds: number, warmupSeconds: number): Promise<EditReport> {
  const seconds = measuredSeconds + warmupSeconds;
  const report: EditReport = { edits: {}, clients: {}, planned: clients.length * seconds };
  measureFrom = clock() + warmupSeconds * 1000;
  trace?.line(`from ${measureFrom.toFixed(3)}`);
  for (const c of clients) report.clients[c.spec.doc] = (report.clients[c.spec.doc] ?? 0) + 1;
  isMeasuring = true;
  window = { cpu: process.cpuUsage(), elu: performance.eventLoopUtilization() };
  const start = performance.now();
  const endAt = start + seconds * 1000;
  await Promise.all(
    clients.map(
      (c) =>
        new Promise<void>((resolve) => {
          const text = c.editor.doc.getText(TEXT);
          const phase = Math.random() * 1000;
          const slotAfter = (t: number) => start + phase + Math.ceil((t - start - phase) / 1000) * 1000;
          let next = start + phase;
          const edit = () => {
            text.insert(text.length, `<${clock().toFixed(3)}>`);
            report.edits[c.spec.doc] = (report.edits[c.spec.doc] ?? 0) + 1;
            next = Math.max(next + 1000, slotAfter(performance.now()));
            if (next >= endAt) resolve();
            else setTimeout(edit, next - performance.now());
          };
          setTimeout(edit, phase);
        }),
    ),
  );
  return report;
}

async function drain(expected: number, maxSeconds: number): Promise<DrainReport> {
  const until = performance.now() + maxSeconds * 1000;
  let last = received;
  let lastChange = performance.now();
  while (received < expected && performance.now() < until && performance.now() - lastChange < STALL_MS) {
    await new Promise((r) => setTimeout(r, 50));
    if (received !== last) {
      last = received;
      lastChange = performance.now();
    }
  }
  isMeasuring = false;
  trace?.flush();
  const cpu = window ? process.cpuUsage(window.cpu) : { user: 0, system: 0 };
  const busy = window ? performance.eventLoopUtilization(window.elu).utilization : 0;
  return { latencies: latencies.toArray(), warmupLatencies: warmupLatencies.toArray(), acks: acks.toArray(), received, errors, cpuSeconds: (cpu.user + cpu.system) / 1e6, busy };
}

process.on('message', (msg: ToLoad) => {
  const handle = async (): Promise<FromLoad> => {
    switch (msg.type) {
      case 'connect':
        return { type: 'connected', ms: await connect(msg.kind, msg.clients) };
      case 'run':
        return { type: 'edited', report: await run(msg.seconds, msg.warmupSeconds) };
      case 'drain':
        return { type: 'drained', report: await drain(msg.expected, msg.maxSeconds) };
      case 'close':
        for (const c of clients) c.editor.close();
        clients = [];
        return { type: 'closed' };
    }
  };
  handle().then(
    (reply) => process.send?.(reply),
    (err: unknown) => process.send?.({ type: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});

process.on('disconnect', () => process.exit(0));
