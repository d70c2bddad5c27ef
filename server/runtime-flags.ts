/**
 * V8 flags the server process runs with: `npm start`, the test harness's servers and the
 * bench's Accord all start `node` with exactly these (package.json's start script spells
 * them out; tests/unit/runtime-flags.test.ts keeps it equal to this list).
 *
 * Why: on a small machine (the 2-core reference box) the event loop shares its cores with
 * the database thread, the Yjs workers and V8's own helper threads, and relay latency
 * is decided by how often the loop waits for a core. Measured in workload a of
 * `npm run bench` (bench/HISTORY.md, "GC flags"), Accord alone, four rounds each (over all
 * runs of the full bench, p99 ~10.7 → ~7.7 ms, against y-websocket's ~5.5):
 * - V8's default young generation grows to only ~6 MB here, so a scavenge ran every
 *   ~250 ms and enough survived into the old space (which also holds Next.js, ~80 MB) to
 *   start a major GC every ~10 s, with marking steps of up to 15 ms on the loop. A fixed
 *   32 MB semi-space scavenges every ~2 s and no major GC ran in the measured window:
 *   p99 ~13.5 → ~8 ms.
 * - Parallel scavenging and concurrent marking/sweeping need helper threads; when those
 *   wait for a core, the loop waits for them. Doing that work on the loop itself (short
 *   now that scavenges are rare) took p99 to ~6.5 ms and p50 from ~1.8 to ~1.35 ms.
 * Cost: ~130 MB more resident memory at start (the reserved young generation).
 * On a large dedicated machine the parallel collector may serve better: drop
 * `--single-threaded-gc` from the start script and measure.
 *
 * `--interrupt-budget=16384` (V8's default is 67584) makes functions tier up to optimized
 * code after a quarter of the work. Accord is a large program (Next.js, drizzle, socket.io,
 * Yjs): with the default, TurboFan was still compiling its hot paths 10–30 s after start, on
 * helper threads that compete with the loop for the cores. Tiering up sooner moves that work
 * into the first seconds. In workload a, with a variant server beside the unchanged one in the
 * same rounds (BENCH_VARIANT_NODE_FLAGS), p99 was 0.89 and 0.79 of the unchanged server's (six
 * rounds, five of them better; bench/HISTORY.md). The cost is a slower first few seconds
 * after a start: warm-up p99 ~35–100 ms instead of ~35–50.
 *
 * `--wasm-tiering-budget=100000` (V8's default is 1,800,000) does the same for WebAssembly,
 * that is for the embedded database: PGlite's PostgreSQL starts in V8's baseline (Liftoff)
 * code and each function is recompiled with TurboFan once it has run enough. With the
 * default, a node in workload a was still recompiling ~15 database functions a second 20–45 s
 * after start (V8's log), ~20–35 ms of CPU a second on helper threads at the event loop's
 * priority, while the database thread ran the rest in slower baseline code. Tiering up 18×
 * sooner moves that into the first seconds. Variant beside the unchanged server, same rounds
 * (two runs of two rounds): server CPU per edit 0.89, 0.89, 0.98 and 1.01 of the unchanged
 * server's; p99 0.55, 0.83, 0.78 and 1.13. Cost: as above, a busier start.
 */
export const SERVER_NODE_FLAGS = ['--min-semi-space-size=32', '--max-semi-space-size=32', '--single-threaded-gc', '--interrupt-budget=16384', '--wasm-tiering-budget=100000'] as const;

/** The flags from SERVER_NODE_FLAGS this process was started without (empty when all are set). */
export function missingServerFlags(execArgv: readonly string[] = process.execArgv): string[] {
  return SERVER_NODE_FLAGS.filter((flag) => !execArgv.includes(flag));
}
