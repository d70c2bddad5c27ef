/**
 * Node flags for every server under test, the peers' and Accord's alike: an inspector on
 * a free loopback port (the bench asks it for a full GC before each RSS reading) and no
 * V8 memory reducer (it returns pages to the system ~8 s after activity calms down, which
 * would land between the "before" and "after" readings at random). Plus V8 CPU profiles
 * and perf maps when asked for.
 */
export function serverArgs(profileDir: string | undefined): string[] {
  return ['--inspect=127.0.0.1:0', '--no-memory-reducer', ...(withPerfMaps ? ['--perf-basic-prof'] : []), ...profileArgs(profileDir)];
}

let withPerfMaps = false;

/** Every server started from now on writes /tmp/perf-<pid>.map for Linux `perf` (BENCH_PERF_MAP). */
export function enablePerfMaps(): void {
  withPerfMaps = true;
}

export function profileArgs(profileDir: string | undefined): string[] {
  return profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
}
