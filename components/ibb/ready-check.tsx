'use client';

import { ThumbsDown, ThumbsUp } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { BARGAINING_PARTIES, THUMB_VALUES } from '../../domain/ibb/session-rules';
import type { CheckView } from '../../domain/ibb/views';
import { readySubject } from './ready-subject';
import { useSession } from './session-context';

/** Drawn as icons, not emoji: a projector's or district laptop's fonts may have no emoji. */
const THUMBS = [
  { key: 'up', value: THUMB_VALUES.up, icon: <ThumbsUp aria-hidden="true" className="h-5 w-5" /> },
  { key: 'sideways', value: THUMB_VALUES.sideways, icon: <ThumbsUp aria-hidden="true" className="h-5 w-5 rotate-90" /> },
  { key: 'down', value: THUMB_VALUES.down, icon: <ThumbsDown aria-hidden="true" className="h-5 w-5" /> },
] as const;


/**
 * "Ready to move on?" for the current step: a thumbs check answered privately and shown
 * all at once, by party. Checks are records; the newest one for this step is shown.
 */
export function ReadyCheck() {
  const t = useTranslations('ibbSession.ready');
  const tph = useTranslations('ibbSession.phases');
  const { state, can, actions, records, run } = useSession();
  const check = state.checks.find((c) => c.subject === readySubject(state.phase)) ?? null;
  if (!check && !can.isFacilitator) return null;
  const phase = tph(state.phase);
  return (
    <section aria-labelledby="ready-title" className="card space-y-3" data-testid="ready-check">
      <h2 id="ready-title" className="text-xl font-bold">
        {t('title', { phase })}
      </h2>
      {check && !check.isRevealed && (
        <>
          <p>{t('answered', { labor: check.answeredByParty.labor, management: check.answeredByParty.management })}</p>
          {can.canAnswerChecks && check.myAnswer === null && (
            <div role="group" aria-label={t('question', { phase })} className="flex flex-wrap gap-2">
              {THUMBS.map((thumb) => (
                <button key={thumb.key} type="button" className="btn-secondary inline-flex items-center gap-2" onClick={() => void run(() => records.onAnswer(check.id, { value: thumb.value }))}>
                  {thumb.icon} {t(`thumb.${thumb.key}`)}
                </button>
              ))}
            </div>
          )}
          {check.myAnswer !== null && <p className="font-semibold">{t('yourAnswer', { answer: t(`thumb.${thumbKey(check.myAnswer)}`) })}</p>}
          {can.isFacilitator && (
            <button type="button" className="btn-primary" onClick={() => void run(() => records.onReveal(check.id))}>
              {t('reveal')}
            </button>
          )}
        </>
      )}
      {check?.isRevealed && <ReadyResult check={check} />}
      {can.isFacilitator && (!check || check.isRevealed) && (
        <button type="button" className="btn-secondary" onClick={() => void run(() => actions.openReadyCheck(state.phase))}>
          {check ? t('askAgain') : t('ask')}
        </button>
      )}
    </section>
  );
}

function thumbKey(value: number): 'up' | 'sideways' | 'down' {
  return THUMBS.find((x) => x.value === value)?.key ?? 'down';
}

function ReadyResult({ check }: { check: CheckView }) {
  const t = useTranslations('ibbSession.ready');
  const tp = useTranslations('parties');
  const result = check.result;
  if (!result) return null;
  return (
    <div className="space-y-2">
      <p className={`text-lg font-bold ${result.reached ? 'text-green-800' : 'text-red-800'}`}>{result.reached ? t('ready') : t('notReady')}</p>
      <ul className="space-y-1">
        {BARGAINING_PARTIES.map((party) => {
          const tally = result.byParty[party];
          return (
            <li key={party}>
              <span className="font-semibold">{tp(party)}:</span>{' '}
              {THUMBS.map((thumb) => t('count', { answer: t(`thumb.${thumb.key}`), count: tally.distribution[thumb.value] ?? 0 })).join(' · ')}
            </li>
          );
        })}
      </ul>
      {check.concerns.length > 0 && (
        <ul className="list-disc pl-6">
          {check.concerns.map((c, i) => (
            <li key={i}>
              {c.party === 'labor' || c.party === 'management' ? tp(c.party) : c.party}: {c.concern}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
