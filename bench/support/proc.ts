import { readFileSync } from 'node:fs';
import { collectGarbage } from './inspector';

/** Resident set size of a process in KiB, from /proc (Linux). */
export function readRssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!m?.[1]) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]);
}

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system, all threads) a process has used so far. */
export function readCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / TICKS_PER_SECOND;
}

/** CPU seconds the whole machine has spent busy (all cores), from /proc/stat. */
export function readMachineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [, ...values] = line.trim().split(/\s+/);
  const ticks = values.map(Number);
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return (total - idle) / TICKS_PER_SECOND;
}

export interface MeasuredProcess {
  pid: number;
  inspectorUrl: string | null;
  /** Full GC in threads the inspector does not reach (Accord's database thread). */
  collectOtherGarbage?: () => Promise<void>;
}

/**
 * Summed RSS of the processes after a full GC in each, once it stops moving (freed pages
 * go back to the system over a moment).
 */
export async function settledRssKb(processes: MeasuredProcess[], maxMs = 5000): Promise<number> {
  for (const p of processes) {
    if (p.inspectorUrl) await collectGarbage(p.inspectorUrl);
    await p.collectOtherGarbage?.();
  }
  const read = () => processes.reduce((sum, p) => sum + readRssKb(p.pid), 0);
  const deadline = performance.now() + maxMs;
  let last = read();
  let stableSince = performance.now();
  while (performance.now() < deadline && performance.now() - stableSince < 1500) {
    await new Promise((r) => setTimeout(r, 250));
    const now = read();
    if (Math.abs(now - last) > 512) stableSince = performance.now();
    last = now;
  }
  return last;
}
