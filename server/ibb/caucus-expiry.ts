import { onEvent } from '../events';
import { resumeTimersAfterExpiredCaucuses } from './controls';

/** How often every node looks for timers whose caucuses ran out (a backstop; see below). */
export const CAUCUS_SWEEP_MS = 15_000;
/** A caucus's own wake-up fires this long after its end, so the database agrees it is over. */
const AFTER_END_MS = 250;
/** setTimeout's ceiling (~24.8 days); caucuses last at most 240 minutes anyway. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export interface CaucusExpiry {
  /** Runs one sweep now (tests, and the timers below). */
  sweep(now?: Date): Promise<string[]>;
  stop(): void;
}

/**
 * A caucus that simply runs out, without anyone pressing "back to the table", ends the
 * pause it put on the shared timer: the timer restarts with the time it had left,
 * counted from the caucus's announced end (controls.ts, resumeTimerAfterCaucus).
 *
 * This node wakes up at the end of every caucus called through it, and every node also
 * sweeps every `CAUCUS_SWEEP_MS`, which covers caucuses called on another node or before
 * a restart. Because the resume counts from the caucus's end, a late sweep changes when
 * the screens hear about it, not the time on the clock. Resuming is idempotent across
 * nodes (one statement clears the mark).
 */
export function startCaucusExpiry(sweepMs = CAUCUS_SWEEP_MS): CaucusExpiry {
  const timers = new Set<NodeJS.Timeout>();
  let running: Promise<string[]> | null = null;
  let isStopped = false;

  const sweep = (now?: Date): Promise<string[]> => {
    // One sweep at a time per node; a wake-up during a sweep waits for it, then runs again.
    const next = (running ?? Promise.resolve([] as string[])).then(
      () => resumeTimersAfterExpiredCaucuses(now),
      () => resumeTimersAfterExpiredCaucuses(now),
    );
    running = next;
    void next.finally(() => {
      if (running === next) running = null;
    });
    return next;
  };
  const sweepQuietly = () => {
    if (isStopped) return;
    sweep().catch((err: unknown) => console.error('[ibb] caucus expiry sweep failed', err));
  };

  const interval = setInterval(sweepQuietly, sweepMs);
  interval.unref();
  const off = onEvent('caucus:called', ({ until }) => {
    const delay = Math.min(MAX_TIMEOUT_MS, Math.max(0, until.getTime() - Date.now()) + AFTER_END_MS);
    const timer = setTimeout(() => {
      timers.delete(timer);
      sweepQuietly();
    }, delay);
    timer.unref();
    timers.add(timer);
  });
  // Caucuses that ran out while no node was up.
  sweepQuietly();

  return {
    sweep,
    stop() {
      isStopped = true;
      clearInterval(interval);
      for (const t of timers) clearTimeout(t);
      timers.clear();
      off();
    },
  };
}
