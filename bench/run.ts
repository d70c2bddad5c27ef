import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from '../server/build-if-stale';
import type { ColdLoadResult } from './cold-load';
import { runColdLoad } from './cold-load';
import { loadBenchConfig } from './config';
import { clientBoundNote, coldLoadTable, cpuPerWorkTable, multiNodeTable, ratioTable, workloadTable } from './report';
import { traceMarkdown } from './trace-report';
import { enablePerfMaps } from './support/node-args';
import { memoryColdFactor } from './support/cold-probe';
import { createBenchDatabase, dropBenchDatabase, isPostgresReachable, isRedisReachable } from './support/services';
import type { Outcome, RunSettings, Workload } from './workloads';
import { CLIENTS_PER_PERSON, WORKLOADS, runAccord, runPeer } from './workloads';

/**
 * `npm run bench`: the same workloads against Accord, y-websocket's reference server and
 * Hocuspocus, one server at a time on loopback, then Accord's cold load of a long log and
 * one node vs two. Prints markdown and saves it to bench/results/latest.md.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = loadBenchConfig();
if (config.BENCH_PERF_MAP) enablePerfMaps();
const settings: RunSettings = {
  seconds: config.BENCH_SECONDS,
  warmupSeconds: config.BENCH_WARMUP_SECONDS,
  // Late deliveries are waited for (until none has arrived for 10 s): late is not lost.
  drainSeconds: 60,
  ...(config.BENCH_CPU_PROFILE_DIR ? { profileDir: path.resolve(config.BENCH_CPU_PROFILE_DIR) } : {}),
  ...(config.BENCH_TRACE_DIR ? { traceDir: path.resolve(config.BENCH_TRACE_DIR) } : {}),
};
const startedAt = performance.now();
const BENCH_NICE = -10;

function progress(message: string): void {
  const s = ((performance.now() - startedAt) / 1000).toFixed(0).padStart(4);
  console.error(`[bench ${s}s] ${message}`);
}

function summary(o: Outcome): string {
  const r = o.result;
  const t = o.trace;
  const where = t?.components ? `; slowest 1 %: ${t.components.filter((c) => !c.name.startsWith('of which')).map((c) => `${c.name} ${c.tailMean.toFixed(1)} ms`).join(', ')}` : '';
  const windows = t ? `; the slowest 1 % in ${t.tailWindows} windows of 100 ms` : '';
  return `${o.server}: p50 ${r.latency.p50.toFixed(1)} ms, p99 ${r.latency.p99.toFixed(1)} ms, ${r.received}/${r.expected} delivered${windows}${where}`;
}

function version(pkg: string): string {
  const json: unknown = JSON.parse(readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8'));
  return typeof json === 'object' && json !== null && 'version' in json && typeof json.version === 'string' ? json.version : '?';
}

type ServerName = 'Accord' | 'Accord (socket.io-client)' | 'Accord variant' | 'y-websocket' | 'hocuspocus';
const variantFlags = config.BENCH_VARIANT_NODE_FLAGS?.split(/\s+/).filter((f) => f.length > 0) ?? [];

/**
 * The servers of a workload's rounds. Workload a also runs Accord with socket.io-client as
 * its clients' library (what the browser uses) and, with BENCH_VARIANT_NODE_FLAGS, the variant.
 */
function serversFor(w: Workload): ServerName[] {
  if (w.id !== 'a') return ['Accord', 'y-websocket', 'hocuspocus'];
  const all: ServerName[] = ['Accord', 'Accord (socket.io-client)', ...(variantFlags.length > 0 ? (['Accord variant'] as const) : []), 'y-websocket', 'hocuspocus'];
  // BENCH_WITHOUT_SOCKET_IO_CLIENT: a quicker look at a change (a fifth less time per round).
  return config.BENCH_WITHOUT_SOCKET_IO_CLIENT ? all.filter((n) => n !== 'Accord (socket.io-client)') : all;
}

function runServer(name: ServerName, w: Workload): Promise<Outcome> {
  if (name === 'Accord' || name === 'Accord variant' || name === 'Accord (socket.io-client)') {
    const extraNodeFlags = name === 'Accord variant' ? variantFlags : [];
    const client = name === 'Accord (socket.io-client)' ? 'socket.io-client' : 'wire';
    return runAccord({ label: name, nodes: 1, storage: { kind: 'memory' }, distDir: config.ACCORD_TEST_DIST_DIR, extraNodeFlags, client }, w, settings);
  }
  return runPeer(name, w, settings);
}

/**
 * Every server once per round; from one round to the next the order rotates, so that no
 * server always runs first (or last) on a machine that drifts.
 */
async function runWorkload(w: Workload, rounds: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const servers = serversFor(w);
  for (let round = 1; round <= rounds; round++) {
    const order = servers.map((_, i) => servers[(i + round - 1) % servers.length] as ServerName);
    for (const name of order) {
      progress(`workload ${w.id} (${w.label}), ${settings.seconds} s${rounds > 1 ? `, round ${round}/${rounds}` : ''}: ${name}`);
      const o = { ...(await runServer(name, w)), round };
      outcomes.push(o);
      progress(summary(o));
    }
  }
  return outcomes;
}

/** One node vs two on the same real PostgreSQL (each run gets a fresh database). */
async function runMultiNode(): Promise<{ single: Outcome; multi: Outcome } | string> {
  if (!(await isRedisReachable(config.REDIS_URL))) return `Skipped: no Redis answers at ${config.REDIS_URL} (set REDIS_URL).`;
  if (!(await isPostgresReachable(config.DATABASE_URL))) return `Skipped: no PostgreSQL accepts connections at ${config.DATABASE_URL} (set DATABASE_URL).`;
  const w = WORKLOADS.b;
  const run = async (label: string, nodes: number, redisUrl?: string) => {
    const url = await createBenchDatabase(config.DATABASE_URL);
    try {
      return await runAccord({ label, nodes, storage: { kind: 'postgres', url }, distDir: config.ACCORD_TEST_DIST_DIR, ...(redisUrl ? { redisUrl } : {}) }, w, settings);
    } finally {
      await dropBenchDatabase(config.DATABASE_URL, url);
    }
  };
  progress('multi-node: Accord, one node on PostgreSQL');
  const single = await run('Accord, 1 node (PostgreSQL)', 1);
  progress(summary(single));
  progress('multi-node: Accord, two nodes on PostgreSQL + Redis, clients split across both');
  const multi = await run('Accord, 2 nodes (PostgreSQL + Redis)', 2, config.REDIS_URL);
  progress(summary(multi));
  return { single, multi };
}

/**
 * Raises the bench's priority (inherited by every server and load process it starts) when
 * the system allows it, so that other work on a shared machine disturbs the measurement
 * less. The "other CPU" column still shows what else ran.
 */
function raisePriority(): string {
  try {
    os.setPriority(BENCH_NICE);
    return `nice ${BENCH_NICE}`;
  } catch {
    return 'normal priority (raising it was not allowed)';
  }
}

async function main(): Promise<void> {
  const priority = raisePriority();
  const loadAtStart = os.loadavg();
  progress('timing reads across 1 MiB back to back and 40 ms apart');
  const coldFactor = await memoryColdFactor();
  if (settings.traceDir) mkdirSync(settings.traceDir, { recursive: true });
  progress(`building the web app into ${config.ACCORD_TEST_DIST_DIR} if stale`);
  buildIfStale(root, config.ACCORD_TEST_DIST_DIR);

  const outcomes: Outcome[] = [];
  const workloads: Workload[] = [];
  for (const w of [WORKLOADS.a, WORKLOADS.b]) {
    if (!config.sections.has(w.id)) continue;
    workloads.push(w);
    outcomes.push(...(await runWorkload(w, w.id === 'a' ? config.BENCH_ROUNDS : 1)));
  }
  let cold: ColdLoadResult | null = null;
  if (config.sections.has('cold')) {
    progress(`cold load: ${config.BENCH_LOG_UPDATES} updates in one doc's log`);
    cold = await runColdLoad(config.BENCH_LOG_UPDATES, config.ACCORD_TEST_DIST_DIR, settings.profileDir);
    progress(`cold load: ${cold.beforeMs.toFixed(0)} ms before compaction, ${cold.afterMs.toFixed(0)} ms after`);
  }
  const multi = config.sections.has('multi') ? await runMultiNode() : null;

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const startLoad = loadAtStart.map((l) => l.toFixed(1)).join(' / ');
  const lines = [
    `# Accord sync bench — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `${os.cpus().length} × ${cpu}, Node ${process.version}. ${settings.warmupSeconds} s of warm-up edits, then ${settings.seconds} s measured, per run; every client inserts \`<timestamp>\` into a Y.Text once a second; one server at a time; clients in two load processes of their own. ` +
      (config.BENCH_ROUNDS > 1 && config.sections.has('a') ? `Workload a in ${config.BENCH_ROUNDS} rounds, the servers' order rotated each round; its verdict is on the median of the rounds' p99 ratios. ` : '') +
      `Peers: y-websocket ${version('y-websocket')} with @y/websocket-server ${version('@y/websocket-server')}, @hocuspocus/server ${version('@hocuspocus/server')} (provider ${version('@hocuspocus/provider')}), in memory. ` +
      `Accord: embedded PGlite in memory, durable acks on, clients are people with ${CLIENTS_PER_PERSON} tabs each. ` +
      `Servers and clients ran at ${priority}; load average at the start ${startLoad}. ` +
      `Caches: reads across 1 MiB took ${coldFactor.toFixed(1)}× as long 40 ms after they last ran as back to back (\`bench/cold-cache.ts\`; the larger, the more a longer code path costs per edit here).` +
      (variantFlags.length > 0 ? ` "Accord variant" is the same server started with \`${variantFlags.join(' ')}\`.` : ''),
    '',
  ];
  if (outcomes.length > 0) {
    lines.push('## Edit → remote apply', '', workloadTable(outcomes), '', ratioTable(outcomes, workloads), '');
    const note = clientBoundNote(outcomes);
    if (note) lines.push(`${note} Where a run is not client-bound, its numbers compare the servers.`, '');
    lines.push(
      'RSS/conn: server RSS once all clients were synced minus before any connected, over the client count. ' +
        'CPU: share of one core over the edit window (Accord includes its Yjs worker threads and in-process database). ' +
        `p50/p99/max are over edits made after the ${settings.warmupSeconds} s warm-up (the first edits a freshly started server sees run cold code); the warm-up column is those first edits, for every server alike. Delivered counts both.`,
      '',
      '### CPU per unit of work',
      '',
      cpuPerWorkTable(outcomes),
      '',
      "The CPU columns above over the run's edits (server) and deliveries (clients, whose own edits are a small part). " +
        'Server and clients share two cores here, so both decide how fast a stalled client catches up: the tail follows the total. ' +
        "The clients' figure is mostly Yjs (the same for every server) plus each server's own client library.",
      '',
    );
  }
  const traced = outcomes.flatMap((o) => (o.trace ? [{ server: `${o.server} (${o.workload.id})`, round: o.round, trace: o.trace }] : []));
  if (traced.length > 0) lines.push(traceMarkdown(traced));
  if (cold) lines.push('## Cold load', '', coldLoadTable(cold), '');
  if (multi) {
    lines.push('## One node vs two (workload b)', '');
    lines.push(typeof multi === 'string' ? multi : multiNodeTable(multi.single, multi.multi), '');
    if (typeof multi !== 'string') {
      const note = clientBoundNote([multi.single, multi.multi]);
      if (note) lines.push(note, '');
    }
  }
  lines.push(`Total bench time ${((performance.now() - startedAt) / 1000).toFixed(0)} s.`);
  const markdown = lines.join('\n');
  console.log(`\n${markdown}`);
  const out = path.join(root, 'bench/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'latest.md'), `${markdown}\n`);
  progress(`written to ${path.relative(root, path.join(out, 'latest.md'))}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
