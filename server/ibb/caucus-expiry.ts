import { onEvent } from '../events';
import { resumeTimersAfterExpiredCaucuses } from './controls';

/** How often every node looks for timers whose caucuses ran out (a backstop; see below). */
export const CAUCUS_SWEEP_MS = 15_000;
/** A caucus's own wake-up fires this long after its end, so the database agrees it is over. */
const AFTER_END_MS = 250;
/** setTimeout's ceiling (~24.8 days); caucuses last at most 240 minutes anyway. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export interface CaucusExpiry {
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
 * the screens hear about it, not the time on the clock. Sweeps may overlap (here or on
 * other nodes): resuming clears the mark in one statement, so a timer resumes once.
 */
export function startCaucusExpiry(sweepMs = CAUCUS_SWEEP_MS): CaucusExpiry {
  const timers = new Set<NodeJS.Timeout>();
  let isStopped = false;
  const sweep = () => {
    if (isStopped) return;
    resumeTimersAfterExpiredCaucuses().catch((err: unknown) => console.error('[ibb] caucus expiry sweep failed', err));
  };

  const interval = setInterval(sweep, sweepMs);
  interval.unref();
  const off = onEvent('caucus:called', ({ until }) => {
    const delay = Math.min(MAX_TIMEOUT_MS, Math.max(0, until.getTime() - Date.now()) + AFTER_END_MS);
    const timer = setTimeout(() => {
      timers.delete(timer);
      sweep();
    }, delay);
    timer.unref();
    timers.add(timer);
  });
  // Caucuses that ran out while no node was up.
  sweep();

  return {
    stop() {
      isStopped = true;
      clearInterval(interval);
      for (const t of timers) clearTimeout(t);
      timers.clear();
      off();
    },
  };
}
