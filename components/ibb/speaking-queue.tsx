'use client';

import { useTranslations } from 'next-intl';
import { formatDuration } from './clock';
import { useSession } from './session-context';
import { balanceBars, liveBalance } from './speaking-balance';
import type { Bar } from './speaking-balance';

const PARTY_BAR: Record<string, string> = { labor: 'bg-blue-700', management: 'bg-orange-700', neutral: 'bg-zinc-600', community: 'bg-green-700' };

/** Raised hands in order, who has the floor, and how the talking time is shared. */
export function SpeakingQueue({ receivedAt, clockOffsetMs }: { receivedAt: number; clockOffsetMs: number }) {
  const t = useTranslations('ibbSession.queue');
  const tp = useTranslations('parties');
  const { state, can, actions, run, serverNow } = useSession();
  const person = (userId: string) => state.participants.find((p) => p.userId === userId) ?? null;
  const speaker = state.speaker ? person(state.speaker.userId) : null;
  const isRaised = state.queue.some((q) => q.userId === state.me.userId);
  const secondsSince = serverNow === null ? 0 : (serverNow - clockOffsetMs - receivedAt) / 1000;
  const balance = liveBalance(state.balance, speaker ? { userId: speaker.userId, party: speaker.party } : null, secondsSince);
  const speakers = state.participants.filter((p) => p.role !== 'observer');
  const partyBars = balanceBars(balance.byParty, ['labor', 'management', 'neutral']);
  const personBars = balanceBars(balance.byPerson, speakers.map((p) => p.userId));
  const partyOf = (userId: string) => person(userId)?.party ?? 'neutral';

  return (
    <section aria-labelledby="queue-title" className="card space-y-3">
      <h2 id="queue-title" className="text-xl font-bold">
        {t('title')}
      </h2>
      <p className="text-lg" data-testid="current-speaker">
        {speaker ? t('speaking', { name: speaker.name, party: tp(speaker.party) }) : t('nobody')}
      </p>
      <div className="flex flex-wrap gap-2">
        {can.canTakeFloor && (
          <button type="button" className={isRaised ? 'btn-secondary' : 'btn-primary'} aria-pressed={isRaised} onClick={() => void run(() => actions.raiseHand(!isRaised))}>
            {isRaised ? t('lower') : t('raise')}
          </button>
        )}
        {can.isFacilitator && (
          <button type="button" className="btn-primary" disabled={state.queue.length === 0} onClick={() => void run(() => actions.nextSpeaker(null))}>
            {t('next')}
          </button>
        )}
        {can.isFacilitator && state.speaker && (
          <button type="button" className="btn-secondary" onClick={() => void run(() => actions.endTurn())}>
            {t('endTurn')}
          </button>
        )}
      </div>
      <h3 className="font-bold">{t('hands', { count: state.queue.length })}</h3>
      {state.queue.length > 0 && (
        <ol className="list-decimal space-y-1 pl-6">
          {state.queue.map((q) => {
            const p = person(q.userId);
            const name = p?.name ?? t('someone');
            return (
              <li key={q.userId}>
                <span className="font-semibold">{name}</span>
                {p && <span className="text-zinc-700"> · {tp(p.party)}</span>}
                {q.userId === state.me.userId && <span className="text-zinc-700"> {t('you')}</span>}
                {can.isFacilitator && (
                  <button type="button" className="ml-2 underline" onClick={() => void run(() => actions.nextSpeaker(q.userId))} aria-label={t('giveFloorTo', { name })}>
                    {t('giveFloor')}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <details>
        <summary className="cursor-pointer font-bold">{t('balance')}</summary>
        <h3 className="mt-2 font-semibold">{t('byParty')}</h3>
        <BarList bars={partyBars} labelOf={(key) => tp(key === 'labor' || key === 'management' || key === 'neutral' ? key : 'neutral')} toneOf={(key) => PARTY_BAR[key] ?? 'bg-zinc-600'} />
        <h3 className="mt-2 font-semibold">{t('byPerson')}</h3>
        <BarList bars={personBars} labelOf={(key) => person(key)?.name ?? t('someone')} toneOf={(key) => PARTY_BAR[partyOf(key)] ?? 'bg-zinc-600'} />
      </details>
    </section>
  );
}

function BarList({ bars, labelOf, toneOf }: { bars: Bar[]; labelOf: (key: string) => string; toneOf: (key: string) => string }) {
  const t = useTranslations('ibbSession.queue');
  return (
    <ul className="space-y-1">
      {bars.map((bar) => (
        <li key={bar.key}>
          <div className="flex justify-between gap-2 text-sm">
            <span className="font-semibold">{labelOf(bar.key)}</span>
            <span>{t('share', { time: formatDuration(bar.seconds * 1000), percent: bar.percent })}</span>
          </div>
          <div aria-hidden="true" className="h-3 w-full rounded bg-zinc-200">
            <div className={`h-3 rounded ${toneOf(bar.key)}`} style={{ width: `${bar.width}%` }} />
          </div>
        </li>
      ))}
    </ul>
  );
}
