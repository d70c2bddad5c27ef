/**
 * Timing the same piece of work back to back and after a gap (asleep or spinning), for
 * `bench/cold-cache.ts` and the bench's header line about the machine's caches.
 */

export interface Probe {
  name: string;
  /** One unit of work; resolves when done. */
  run: () => unknown;
}

export type Gap = { label: string; ms: number; spin: boolean };

export const GAPS: Gap[] = [
  { label: 'back to back', ms: 0, spin: false },
  { label: 'after 5 ms asleep', ms: 5, spin: false },
  { label: 'after 40 ms asleep', ms: 40, spin: false },
  { label: 'after 40 ms spinning', ms: 40, spin: true },
];

export const ROUNDS = 150;

async function waitGap(gap: Gap): Promise<void> {
  if (gap.ms === 0) return;
  if (gap.spin) {
    const end = performance.now() + gap.ms;
    while (performance.now() < end) {
      // keep the core
    }
    return;
  }
  await new Promise((r) => setTimeout(r, gap.ms));
}

/** Median wall time of one unit of work, in µs, after the given gap. */
export async function measure(probe: Probe, gap: Gap, rounds = ROUNDS): Promise<number> {
  for (let i = 0; i < 50; i++) await probe.run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await waitGap(gap);
    const t = performance.now();
    await probe.run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return (times[Math.floor(times.length / 2)] ?? 0) * 1000;
}

/** Dependent reads at pseudo-random places in `mb` MiB: how warm the data caches are. */
export function memoryProbe(mb: number): Probe {
  const n = (mb * 1024 * 1024) / 4;
  const cells = new Int32Array(n);
  for (let i = 0; i < n; i++) cells[i] = (i * 2654435761) % n;
  let sink = 0;
  return {
    name: `20,000 dependent reads across ${mb} MiB (JavaScript)`,
    run: () => {
      let j = 0;
      for (let k = 0; k < 20_000; k++) j = cells[(j + k * 64) % n] ?? 0;
      sink ^= j;
      return sink;
    },
  };
}

/**
 * How many times as long reads across 1 MiB take 40 ms after they last ran as back to
 * back (about 2 s): a line in the bench's header, so runs on different machines can be
 * told apart (bench/HISTORY.md, "work that last ran 40 ms ago").
 */
export async function memoryColdFactor(): Promise<number> {
  const probe = memoryProbe(1);
  const warm = await measure(probe, { label: 'back to back', ms: 0, spin: false }, 60);
  const cold = await measure(probe, { label: 'after 40 ms asleep', ms: 40, spin: false }, 40);
  return cold / warm;
}
