/**
 * Node flags for every server under test, the peers' and Accord's alike: an inspector on
 * a free loopback port (the bench asks it for a full GC before each RSS reading) and no
 * V8 memory reducer (it returns pages to the system ~8 s after activity calms down, which
 * would land between the "before" and "after" readings at random). Plus V8 CPU profiles
 * when asked for.
 */
export function serverArgs(profileDir: string | undefined): string[] {
  return ['--inspect=127.0.0.1:0', '--no-memory-reducer', ...profileArgs(profileDir)];
}

export function profileArgs(profileDir: string | undefined): string[] {
  return profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
}
