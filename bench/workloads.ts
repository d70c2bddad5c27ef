import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ClientSpec, DrainReport, EditReport, ServerKind } from './load/messages';
import { isAccord } from './load/messages';
import type { Percentiles } from './load/samples';
import { percentiles } from './load/samples';
import type { AccordNode, AccordStorage } from './support/accord-node';
import { startAccordNode } from './support/accord-node';
import { createWorkspace } from './support/accord-people';
import { LoadDriver } from './support/load-driver';
import type { PeerKind } from './support/peer-server';
import { startPeerServer } from './support/peer-server';
import type { TraceSummary } from './trace-report';
import { summarizeTraceFiles } from './trace-report';
import type { MeasuredProcess } from './support/proc';
import { readCpuSeconds, readMachineBusySeconds, settledRssKb } from './support/proc';

export interface Workload {
  id: string;
  label: string;
  docs: number;
  clientsPerDoc: number;
}

export const WORKLOADS = {
  a: { id: 'a', label: '4 docs × 50 clients', docs: 4, clientsPerDoc: 50 },
  b: { id: 'b', label: '1 doc × 200 clients', docs: 1, clientsPerDoc: 200 },
} as const satisfies Record<string, Workload>;

export interface LoadResult {
  /** Edit on the sender → applied on each other client of the doc (edits after the warm-up). */
  latency: Percentiles;
  /** The same for edits made during the warm-up seconds. */
  warmupLatency: Percentiles;
  /** Accord only: send → durable ack. */
  ack: Percentiles | null;
  edits: number;
  /** One edit per client per second; fewer made means the clients could not keep up. */
  plannedEdits: number;
  expected: number;
  received: number;
  errors: Record<string, number>;
  /** CPU of all load processes together (100 = one core). */
  clientCpuPercent: number;
  /** The busiest load process's event-loop utilisation: near 100 means the clients set the pace. */
  clientBusyPercent: number;
}

export interface Outcome {
  server: string;
  workload: Workload;
  /** Which round of the workload this run was (1 when it runs once). */
  round: number;
  result: LoadResult;
  connectMs: number;
  /** Server RSS before any client connected and once all were synced (all nodes summed). */
  rssBeforeKb: number;
  rssAfterKb: number;
  /** Server CPU during the edit window (100 = one core; all nodes summed). */
  serverCpuPercent: number;
  /** CPU used during the edit window by everything else on the machine (other work, the database, Redis). */
  otherCpuPercent: number;
  /** Length of the window the CPU columns cover (edits, warm-up included, and the drain). */
  cpuWindowSeconds: number;
  /** BENCH_TRACE_DIR only: where each delivery's time went (bench/trace-report.ts). */
  trace?: TraceSummary | null;
}

export interface RunSettings {
  seconds: number;
  /** Edits before the measured window, same schedule, latencies reported apart. */
  warmupSeconds: number;
  drainSeconds: number;
  profileDir?: string;
  /** BENCH_TRACE_DIR: trace every delivery (bench/trace-report.ts). */
  traceDir?: string;
}

/** Where one run's trace files go: `<base>.server-<node>` and `<base>.clients-<process>`. */
function traceBaseFor(settings: RunSettings, label: string): string | undefined {
  if (!settings.traceDir) return undefined;
  return path.join(settings.traceDir, `${label.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}-${Date.now()}`);
}

/**
 * Clients are spread over two load processes: workload b alone asks the clients to apply
 * 40,000 updates a second, more than one core can. (The machine has two; the server under
 * test shares them.)
 */
const LOAD_PROCESSES = 2;

/**
 * Accord clients are people signed in with several tabs or devices each (every client
 * still has its own socket and Yjs clientID): 200 sign-ins would cost ~20 s per run.
 */
export const CLIENTS_PER_PERSON = 4;

function clientCount(w: Workload): number {
  return w.docs * w.clientsPerDoc;
}

/** Client i edits doc ⌊i / clientsPerDoc⌋ on node i mod nodes, as person i mod people. */
function specsFor(w: Workload, docNames: string[], urls: string[], cookies?: string[]): ClientSpec[] {
  return Array.from({ length: clientCount(w) }, (_, i) => ({
    url: urls[i % urls.length] ?? '',
    doc: docNames[Math.floor(i / w.clientsPerDoc)] ?? '',
    ...(cookies ? { cookie: cookies[i % cookies.length] } : {}),
  }));
}

/** Deliveries each process should see: every edit in a doc, on each of its clients there but the sender. */
function expectedPerProcess(reports: EditReport[]): number[] {
  const total: Record<string, number> = {};
  for (const r of reports) for (const [doc, n] of Object.entries(r.edits)) total[doc] = (total[doc] ?? 0) + n;
  return reports.map((r) =>
    Object.entries(r.clients).reduce((sum, [doc, clients]) => sum + clients * (total[doc] ?? 0) - (r.edits[doc] ?? 0), 0),
  );
}

function combine(kind: ServerKind, edits: EditReport[], expected: number[], drains: DrainReport[], seconds: number): LoadResult {
  const errors: Record<string, number> = {};
  for (const d of drains) for (const [code, n] of Object.entries(d.errors)) errors[code] = (errors[code] ?? 0) + n;
  return {
    latency: percentiles(drains.map((d) => d.latencies)),
    warmupLatency: percentiles(drains.map((d) => d.warmupLatencies)),
    ack: isAccord(kind) ? percentiles(drains.map((d) => d.acks)) : null,
    edits: edits.reduce((n, r) => n + Object.values(r.edits).reduce((a, b) => a + b, 0), 0),
    plannedEdits: edits.reduce((n, r) => n + r.planned, 0),
    expected: expected.reduce((a, b) => a + b, 0),
    received: drains.reduce((n, d) => n + d.received, 0),
    errors,
    clientCpuPercent: (drains.reduce((n, d) => n + d.cpuSeconds, 0) / seconds) * 100,
    clientBusyPercent: Math.max(...drains.map((d) => d.busy * 100)),
  };
}

/** Connects the clients, samples the server(s), runs the edits, waits for the deliveries. */
async function measure(server: string, w: Workload, kind: ServerKind, servers: MeasuredProcess[], specs: ClientSpec[], settings: RunSettings, traceBase?: string): Promise<Outcome> {
  const cpu = () => servers.reduce((sum, s) => sum + readCpuSeconds(s.pid), 0);
  const loads = Array.from({ length: LOAD_PROCESSES }, (_, i) => new LoadDriver(settings.profileDir, traceBase ? `${traceBase}.clients-${i}` : undefined));
  const share = (i: number) => specs.filter((_, j) => j % LOAD_PROCESSES === i);
  try {
    const rssBeforeKb = await settledRssKb(servers);
    const started = performance.now();
    // One process at a time, so that joins do not pile onto the server all at once.
    for (const [i, load] of loads.entries()) await load.connect(kind, share(i));
    const connectMs = performance.now() - started;
    const rssAfterKb = await settledRssKb(servers);
    const cpuBefore = cpu();
    const machineBefore = readMachineBusySeconds();
    const wallBefore = performance.now();
    const edits = await Promise.all(loads.map((l) => l.run(settings.seconds, settings.warmupSeconds)));
    const expected = expectedPerProcess(edits);
    const drains = await Promise.all(loads.map((l, i) => l.drain(expected[i] ?? 0, settings.drainSeconds)));
    const seconds = (performance.now() - wallBefore) / 1000;
    const result = combine(kind, edits, expected, drains, seconds);
    const serverCpuPercent = ((cpu() - cpuBefore) / seconds) * 100;
    const machinePercent = ((readMachineBusySeconds() - machineBefore) / seconds) * 100;
    const otherCpuPercent = Math.max(0, machinePercent - serverCpuPercent - result.clientCpuPercent);
    return { server, workload: w, round: 1, result, connectMs, rssBeforeKb, rssAfterKb, serverCpuPercent, otherCpuPercent, cpuWindowSeconds: seconds };
  } finally {
    await Promise.all(loads.map((l) => l.close()));
  }
}

export async function runPeer(kind: PeerKind, w: Workload, settings: RunSettings): Promise<Outcome> {
  const server = await startPeerServer(kind, settings.profileDir);
  const traceBase = traceBaseFor(settings, kind);
  let outcome: Outcome;
  try {
    const docNames = Array.from({ length: w.docs }, (_, i) => `bench-${i + 1}`);
    outcome = await measure(kind, w, kind, [server], specsFor(w, docNames, [server.url]), settings, traceBase);
  } finally {
    await server.stop();
  }
  return traceBase ? { ...outcome, trace: summarizeTraceFiles(traceBase) } : outcome;
}

export interface AccordSetup {
  label: string;
  nodes: number;
  /** Fresh storage per node set; a PostgreSQL URL is shared by every node. */
  storage: { kind: 'memory' } | { kind: 'postgres'; url: string };
  redisUrl?: string;
  distDir: string;
  /** Node flags added to every node of this setup (BENCH_VARIANT_NODE_FLAGS). */
  extraNodeFlags?: string[];
  /** The clients' transport: the protocol's wire level on a bare WebSocket (default) or socket.io-client. */
  client?: 'wire' | 'socket.io-client';
}

export async function runAccord(setup: AccordSetup, w: Workload, settings: RunSettings): Promise<Outcome> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'accord-bench-'));
  const nodes: AccordNode[] = [];
  const traceBase = traceBaseFor(settings, setup.label);
  let outcome: Outcome;
  try {
    const storage: AccordStorage = setup.storage;
    // One after another: the first applies migrations, the rest find them done.
    for (let i = 0; i < setup.nodes; i++) {
      nodes.push(await startAccordNode({ storage, distDir: setup.distDir, profileDir: settings.profileDir, dataDir: path.join(dataDir, `node-${i}`), ...(setup.redisUrl ? { redisUrl: setup.redisUrl } : {}), extraNodeFlags: setup.extraNodeFlags ?? [], ...(traceBase ? { latencyTraceFile: `${traceBase}.server-${i}` } : {}) }));
    }
    const [owner] = nodes;
    if (!owner) throw new Error('no Accord node');
    const workspace = await createWorkspace(owner, nodes, Math.ceil(clientCount(w) / CLIENTS_PER_PERSON), w.docs);
    const urls = nodes.map((n) => n.url);
    const specs = specsFor(w, workspace.docIds, urls, workspace.cookies);
    outcome = await measure(setup.label, w, setup.client === 'socket.io-client' ? 'accord-socket.io' : 'accord', nodes, specs, settings, traceBase);
  } catch (err) {
    for (const n of nodes) console.error(`--- Accord node output ---\n${n.output().slice(-3000)}`);
    throw err;
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  }
  // Read after the nodes stopped: a server writes its last trace lines as it closes.
  return traceBase ? { ...outcome, trace: summarizeTraceFiles(traceBase) } : outcome;
}
