/**
 * Time on a session screen. The server's clock is the reference: timers and caucus ends
 * are instants it wrote, so each screen corrects its own clock by the offset measured
 * when it last received the session state.
 */
export interface TimerState {
  endsAt: string | null;
  remainingMs: number | null;
}

export type TimerPhase = 'idle' | 'running' | 'paused';

export function timerPhase(timer: TimerState): TimerPhase {
  if (timer.endsAt) return 'running';
  return timer.remainingMs !== null ? 'paused' : 'idle';
}

/** Milliseconds left on the shared timer at server time `serverNow`, or null without a timer. */
export function timerRemainingMs(timer: TimerState, serverNow: number): number | null {
  if (timer.endsAt) return Math.max(0, Date.parse(timer.endsAt) - serverNow);
  return timer.remainingMs;
}

/** "4:05", or "1:02:03" past an hour. Rounds up, so a timer shows 0:00 only when it is done. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/** Caucuses whose end is still ahead (the server's list can be a little stale). */
export function activeCaucuses<T extends { until: string }>(caucuses: T[], serverNow: number): T[] {
  return caucuses.filter((c) => Date.parse(c.until) > serverNow);
}
