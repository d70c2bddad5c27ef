import { z } from 'zod';

/**
 * The bench's settings: the one place in bench/ that reads process.env. An empty string
 * counts as unset; a bad value stops the run listing every problem.
 */
const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const schema = z.object({
  /** Length of each edit window in seconds (the workloads' ~20 s; shorten for a quick look). */
  BENCH_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(2).max(600).default(20)),
  /**
   * Seconds of the same edits before the measured window, for every server alike: the
   * first edits after a server starts run cold code (JIT) and are reported apart.
   */
  BENCH_WARMUP_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(60).default(3)),
  /**
   * Workload a is run this many times, the three servers in a rotated order each round:
   * its p99 sits within what a shared two-core machine does from one run to the next, so
   * the verdict is taken on the median of the rounds' ratios rather than on one run.
   */
  BENCH_ROUNDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(20).default(5)),
  /** Updates in the log of the cold-load doc. */
  BENCH_LOG_UPDATES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1000).max(1_000_000).default(100_000)),
  /** Comma-separated sections to run: a, b, cold, multi (default: all). */
  BENCH_ONLY: z.preprocess(emptyAsUndefined, z.string().default('a,b,cold,multi')),
  /** The server used to create a fresh database for the multi-node row. */
  DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().url().default('postgres://postgres@127.0.0.1:5432/test')),
  REDIS_URL: z.preprocess(emptyAsUndefined, z.string().url().default('redis://127.0.0.1:6379')),
  /**
   * Extra Node flags for a second Accord server, "Accord variant", run in workload a's
   * rotation beside the unchanged one (e.g. `--interrupt-budget=16384`). This machine's speed
   * drifts between runs by more than most changes are worth, so a change is judged by its
   * ratio to the unchanged server in the same rounds, not by comparing two runs.
   */
  BENCH_VARIANT_NODE_FLAGS: z.preprocess(emptyAsUndefined, z.string().optional()),
  /**
   * When set, every delivery of every run is traced into this folder (the load processes'
   * apply times, Accord's receive/broadcast times: server/realtime/latency-trace.ts) and the
   * results show where the time went: client → server, in the server, server → applied.
   */
  BENCH_TRACE_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** When set, every server and load process writes V8 CPU profiles here (where the time goes). */
  BENCH_CPU_PROFILE_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  /**
   * When 1, every server (Accord's and the peers') runs with `--perf-basic-prof`, so Linux
   * `perf` can name JavaScript frames (bench/README.md, "Profiling with Linux perf").
   */
  BENCH_PERF_MAP: z.preprocess(emptyAsUndefined, z.enum(['0', '1']).default('0').transform((v) => v === '1')),
  /** Leaves workload a's "Accord (socket.io-client)" row out, for a quicker look at a change. */
  BENCH_WITHOUT_SOCKET_IO_CLIENT: z.preprocess(emptyAsUndefined, z.enum(['0', '1']).default('0').transform((v) => v === '1')),
  /** Next build folder for the servers under test; shared with the test harness. */
  ACCORD_TEST_DIST_DIR: z.preprocess(emptyAsUndefined, z.string().default('.next-test')),
});

export type BenchConfig = z.infer<typeof schema> & { sections: Set<string> };

export function loadBenchConfig(): BenchConfig {
  const result = schema.safeParse(process.env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n');
    console.error(`bench: invalid environment\n${problems}`);
    process.exit(1);
  }
  return { ...result.data, sections: new Set(result.data.BENCH_ONLY.split(',').map((s) => s.trim())) };
}
