import { describe, expect, it } from 'vitest';
import { activeCaucuses, formatDuration, timerPhase, timerRemainingMs } from './clock';

describe('session clock', () => {
  it('counts a running timer down to zero from the server’s end instant', () => {
    const timer = { endsAt: '2025-03-01T14:30:00.000Z', remainingMs: null };
    const now = Date.parse('2025-03-01T14:25:30.000Z');
    expect(timerPhase(timer)).toBe('running');
    expect(timerRemainingMs(timer, now)).toBe(270_000);
    expect(timerRemainingMs(timer, now + 600_000)).toBe(0);
  });

  it('shows a paused timer’s frozen remainder, and nothing without a timer', () => {
    expect(timerPhase({ endsAt: null, remainingMs: 61_000 })).toBe('paused');
    expect(timerRemainingMs({ endsAt: null, remainingMs: 61_000 }, 0)).toBe(61_000);
    expect(timerPhase({ endsAt: null, remainingMs: null })).toBe('idle');
    expect(timerRemainingMs({ endsAt: null, remainingMs: null }, 0)).toBeNull();
  });

  it('formats minutes and seconds, rounding up to the next second', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(1)).toBe('0:01');
    expect(formatDuration(245_000)).toBe('4:05');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
  });

  it('drops caucuses that have run out', () => {
    const list = [
      { party: 'labor', until: '2025-03-01T14:30:00.000Z' },
      { party: 'management', until: '2025-03-01T14:00:00.000Z' },
    ];
    expect(activeCaucuses(list, Date.parse('2025-03-01T14:10:00.000Z')).map((c) => c.party)).toEqual(['labor']);
  });
});
