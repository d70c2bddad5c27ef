import { PGlite } from '@electric-sql/pglite';
import type { Probe } from './support/cold-probe';
import { GAPS, ROUNDS, measure, memoryProbe } from './support/cold-probe';

/**
 * How much dearer work gets on this machine when it last ran a while ago: the same piece
 * of work timed back to back, after 5 ms and 40 ms of sleep, and after 40 ms of spinning
 * on the CPU (so the thread never leaves its core). Run: `npx tsx bench/cold-cache.ts`.
 *
 * On the 2-core cloud VMs the bench has run on, memory touched 40 ms ago is no longer in
 * the caches even when the thread spun on its core meanwhile, so the cost is about time
 * passing (the rest of the host), not about sleeping. Work that runs in bursts with
 * idle gaps (a group commit every 40 ms) pays that refill on every burst; work that
 * touches more code and data pays more. bench/HISTORY.md ("work that last ran 40 ms ago")
 * has readings and what they mean for the sync numbers.
 */

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
