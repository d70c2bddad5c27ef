import { PGlite } from '@electric-sql/pglite';

/**
 * How much dearer work gets on this machine when it last ran a while ago: the same piece
 * of work timed back to back, after 5 ms and 40 ms of sleep, and after 40 ms of spinning
 * on the CPU (so the thread never leaves its core). Run: `npx tsx bench/cold-cache.ts`.
 *
 * On the 2-core cloud VMs the bench has run on, memory touched 40 ms ago is no longer in
 * the caches even when the thread spun on its core meanwhile, so the cost is about time
 * passing (the rest of the host), not about sleeping. Work that runs in bursts with
 * idle gaps (a group commit every 40 ms) pays that refill on every burst; work that
 * touches more code and data pays more. bench/README.md ("Work that ran 40 ms ago is
 * cold") has readings and what they mean for the sync numbers.
 */

interface Probe {
  name: string;
  /** One unit of work; resolves when done. */
  run: () => unknown;
}

type Gap = { label: string; ms: number; spin: boolean };

const GAPS: Gap[] = [
  { label: 'back to back', ms: 0, spin: false },
  { label: 'after 5 ms asleep', ms: 5, spin: false },
  { label: 'after 40 ms asleep', ms: 40, spin: false },
  { label: 'after 40 ms spinning', ms: 40, spin: true },
];

const ROUNDS = 150;

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
async function measure(probe: Probe, gap: Gap): Promise<number> {
  for (let i = 0; i < 50; i++) await probe.run();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await waitGap(gap);
    const t = performance.now();
    await probe.run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return (times[Math.floor(times.length / 2)] ?? 0) * 1000;
}

/** Dependent reads at pseudo-random places in `mb` MiB: how warm the data caches are. */
function memoryProbe(mb: number): Probe {
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

async function pgliteProbes(): Promise<{ probes: Probe[]; close: () => Promise<void> }> {
  const db = new PGlite();
  await db.waitReady;
  await db.exec(`create table log (id bigserial primary key, doc_id text not null, update bytea not null, at timestamptz not null default now());
    create index on log (doc_id, id);
    prepare append(text[], text[]) as with x as (
      insert into log (doc_id, update) select d, decode(b, 'hex') from unnest($1::text[], $2::text[]) as t(d, b) returning id
    ) select array_agg(id::text order by id) as ids from x`);
  const rows = 8;
  const append = `execute append('{${Array(rows).fill('"board:probe"').join(',')}}', '{${Array(rows).fill(`"${'ab'.repeat(30)}"`).join(',')}}')`;
  return {
    probes: [
      { name: 'PGlite `select 1`', run: () => db.exec('select 1') },
      { name: `PGlite: append ${rows} update rows (the group commit's shape)`, run: () => db.exec(append) },
    ],
    close: () => db.close(),
  };
}

async function main(): Promise<void> {
  const pg = await pgliteProbes();
  const probes = [memoryProbe(1), memoryProbe(8), ...pg.probes];
  console.log(`| work | ${GAPS.map((g) => g.label).join(' | ')} |`);
  console.log(`| --- | ${GAPS.map(() => '---').join(' | ')} |`);
  for (const probe of probes) {
    const cells: string[] = [];
    let base = 0;
    for (const gap of GAPS) {
      const us = await measure(probe, gap);
      if (gap.ms === 0) base = us;
      cells.push(gap.ms === 0 ? `${us.toFixed(0)} µs` : `${us.toFixed(0)} µs (${(us / base).toFixed(1)}×)`);
    }
    console.log(`| ${probe.name} | ${cells.join(' | ')} |`);
  }
  console.log(`\nMedians of ${ROUNDS} runs each, wall time of the work alone (the gap is not counted).`);
  await pg.close();
}

await main();
