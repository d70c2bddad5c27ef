'use client';

import { useTranslations } from 'next-intl';
import { formatDuration, timerPhase, timerRemainingMs } from './clock';
import type { TimerState } from './clock';

/**
 * The shared countdown. role="timer" is not announced on every tick; the minute mark and
 * the end are announced once each through the polite live region.
 */
export function TimerDisplay({ timer, serverNow, className = 'text-3xl' }: { timer: TimerState; serverNow: number | null; className?: string }) {
  const t = useTranslations('ibbSession.timer');
  const phase = timerPhase(timer);
  const remaining = serverNow === null ? timer.remainingMs : timerRemainingMs(timer, serverNow);
  const isDone = phase === 'running' && remaining === 0;
  const isLastMinute = phase === 'running' && remaining !== null && remaining > 0 && remaining <= 60_000;
  return (
    <div className="flex flex-wrap items-baseline gap-2">
      <span className="font-semibold">{t('label')}</span>
      {phase === 'idle' || remaining === null ? (
        <span className="text-zinc-700">{t('none')}</span>
      ) : (
        <span role="timer" aria-label={t('label')} className={`font-mono font-bold tabular-nums ${className} ${isDone || isLastMinute ? 'text-red-800' : ''}`} data-testid="session-timer">
          {formatDuration(remaining)}
        </span>
      )}
      {phase === 'paused' && <span className="rounded bg-amber-100 px-2 py-0.5 font-semibold text-amber-900">{t('paused')}</span>}
      <span aria-live="polite" className={isDone ? 'font-bold text-red-800' : 'sr-only'}>
        {isDone ? t('done') : isLastMinute ? t('lastMinute') : ''}
      </span>
    </div>
  );
}
