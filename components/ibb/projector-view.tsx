'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { readIbbBoard } from '../../domain/ibb/ibb-board';
import { SyncProvider } from '../sync/sync-provider';
import { useDoc } from '../sync/use-doc';
import { CaucusBanner } from './caucus-banner';
import type { Outcome, SessionSnapshot } from './session-types';
import { spotlightItem } from './spotlight';
import { TimerDisplay } from './timer-display';
import { useServerNow, useSessionState } from './use-session-state';

interface Props {
  partnershipId: string;
  userId: string;
  initial: SessionSnapshot;
  load: () => Promise<Outcome<SessionSnapshot>>;
}

/**
 * The room's shared screen: large type, nothing to click but the way out. It covers the
 * app's chrome and follows the session live like every other screen.
 */
export function ProjectorView(props: Props) {
  return (
    <SyncProvider userId={props.userId}>
      <LiveProjector {...props} />
    </SyncProvider>
  );
}

const STATUS_TONE: Record<string, string> = {
  open: 'bg-zinc-200',
  in_progress: 'bg-blue-100 text-blue-950',
  ta_reached: 'bg-green-100 text-green-950',
  parked: 'bg-amber-100 text-amber-950',
  withdrawn: 'bg-zinc-100 text-zinc-700 line-through',
};

function LiveProjector({ partnershipId, initial, load }: Props) {
  const t = useTranslations('ibbSession');
  const docState = useDoc(`ibb:${initial.state.id}`);
  const live = useSessionState(docState?.handle ?? null, initial, load);
  const serverNow = useServerNow(live.clockOffsetMs);
  const { state } = live;
  const doc = docState?.doc ?? null;
  const board = useMemo(() => (doc ? readIbbBoard(doc) : null), [doc, docState?.version]);
  const spot = board ? spotlightItem(board, state.spotlight) : null;
  const issues = board?.issues.filter((i) => i.status !== 'withdrawn') ?? [];

  return (
    <main id="main" className="fixed inset-0 z-50 overflow-auto bg-white p-6 text-zinc-950 lg:p-10" data-testid="projector">
      <header className="flex flex-wrap items-end justify-between gap-6 border-b-4 border-zinc-900 pb-4">
        <div>
          <h1 className="text-3xl font-bold lg:text-4xl">{state.title}</h1>
          <p className="text-5xl font-black lg:text-7xl" data-testid="current-phase">
            {t(`phases.${state.phase}`)}
          </p>
        </div>
        <div className="text-3xl">
          <TimerDisplay timer={state.timer} serverNow={serverNow} className="text-6xl lg:text-8xl" />
        </div>
      </header>
      <div className="mt-6 space-y-8">
        <CaucusBanner caucuses={state.caucuses} serverNow={serverNow} className="text-4xl lg:text-5xl" />
        {spot && (
          <section aria-labelledby="projector-spotlight" className="rounded-xl border-8 border-amber-500 bg-amber-50 p-6">
            <h2 id="projector-spotlight" className="text-2xl font-bold uppercase tracking-wide lg:text-3xl">
              {t('spotlight.now', { kind: t(`spotlight.kinds.${spot.kind}`) })}
            </h2>
            {spot.issueTitle && <p className="mt-2 text-2xl lg:text-3xl">{spot.issueTitle}</p>}
            <p className="mt-3 whitespace-pre-wrap break-words text-4xl font-bold lg:text-6xl">{spot.text}</p>
          </section>
        )}
        <section aria-labelledby="projector-issues">
          <h2 id="projector-issues" className="text-3xl font-bold lg:text-4xl">
            {t('issues.title')}
          </h2>
          {issues.length === 0 ? (
            <p className="mt-2 text-3xl text-zinc-700">{t('issues.none')}</p>
          ) : (
            <ol className="mt-3 space-y-6">
              {issues.map((issue, index) => {
                const mutual = board?.interests.filter((i) => i.issueId === issue.id && i.holder === 'mutual' && !i.mergedInto) ?? [];
                return (
                  <li key={issue.id}>
                    <p className="flex flex-wrap items-baseline gap-4 text-3xl font-bold lg:text-5xl">
                      <span>
                        {index + 1}. {issue.title}
                      </span>
                      <span className={`rounded px-3 py-1 text-2xl font-semibold lg:text-3xl ${STATUS_TONE[issue.status] ?? ''}`}>{t(`issueStatus.${issue.status}`)}</span>
                    </p>
                    {mutual.length > 0 && (
                      <div className="mt-3 rounded-xl border-4 border-green-700 bg-green-50 p-4">
                        <h3 className="text-2xl font-bold text-green-900 lg:text-3xl">{t('interests.block.mutual')}</h3>
                        <ul className="mt-2 list-disc space-y-2 pl-10 text-3xl lg:text-4xl">
                          {mutual.map((m) => (
                            <li key={m.id} className="break-words">
                              {m.text}
                            </li>
                          ))}
                        </ul>
                      </div>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      </div>
      <Link href={`/p/${partnershipId}/ibb/${state.id}`} className="fixed bottom-2 right-2 rounded bg-white/90 px-2 py-1 text-sm text-zinc-800 underline">
        {t('projector.leave')}
      </Link>
    </main>
  );
}
