import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Rewrites a V8 perf map (`/tmp/perf-<pid>.map`, written by `--perf-basic-prof`) so that
 * `perf report` names JavaScript frames right.
 *
 * V8 appends a line for every code object it creates and reuses the addresses of code it
 * has freed, so an address can appear in several lines, the latest being the code that
 * ran. `perf` resolves such an address to an older entry, and frames come out under the
 * name of whatever once lived there (in one profile `@auth/core`'s `getToken`, run at
 * sign-in, showed up inside the relay loop). Here every address keeps only the latest
 * entry that covers it; older entries are cut back to the parts nothing later covers.
 *
 *   npx tsx bench/perf-map.ts /tmp/perf-<pid>.map     # rewrites it, keeping a .orig copy
 */

export interface MapEntry {
  start: bigint;
  size: bigint;
  name: string;
}

export function parsePerfMap(text: string): MapEntry[] {
  const entries: MapEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^([0-9a-fA-F]+) ([0-9a-fA-F]+) (.*)$/.exec(line);
    if (!m?.[1] || !m[2] || m[3] === undefined) continue;
    const size = BigInt(`0x${m[2]}`);
    if (size > 0n) entries.push({ start: BigInt(`0x${m[1]}`), size, name: m[3] });
  }
  return entries;
}

/** Non-overlapping entries, sorted by address: each address named by the latest entry covering it. */
export function latestWins(entries: readonly MapEntry[]): MapEntry[] {
  const points = [...new Set(entries.flatMap((e) => [e.start, e.start + e.size]))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const indexOf = new Map(points.map((p, i) => [p, i]));
  // For each elementary segment between two boundaries: the latest entry covering it.
  const owner = new Array<number>(Math.max(0, points.length - 1)).fill(-1);
  entries.forEach((e, i) => {
    const from = indexOf.get(e.start) ?? 0;
    const to = indexOf.get(e.start + e.size) ?? 0;
    for (let k = from; k < to; k++) owner[k] = i; // later entries overwrite earlier ones
  });
  const out: MapEntry[] = [];
  for (let k = 0; k < owner.length; k++) {
    const i = owner[k] ?? -1;
    if (i < 0) continue;
    const start = points[k] as bigint;
    const end = points[k + 1] as bigint;
    const last = out.at(-1);
    // The previous segment belonged to the same entry: it is the same piece, grown.
    if (last && owner[k - 1] === i) last.size = end - last.start;
    else out.push({ start, size: end - start, name: (entries[i] as MapEntry).name });
  }
  return out;
}

export function formatPerfMap(entries: readonly MapEntry[]): string {
  return entries.map((e) => `${e.start.toString(16)} ${e.size.toString(16)} ${e.name}\n`).join('');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npx tsx bench/perf-map.ts /tmp/perf-<pid>.map');
    process.exit(2);
  }
  const entries = parsePerfMap(readFileSync(file, 'utf8'));
  const fixed = latestWins(entries);
  copyFileSync(file, `${file}.orig`);
  writeFileSync(file, formatPerfMap(fixed));
  console.log(`${file}: ${entries.length} entries → ${fixed.length} without overlaps (the original is ${file}.orig)`);
}
