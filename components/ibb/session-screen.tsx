'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { readIbbBoard } from '../../domain/ibb/ibb-board';
import { fileStem } from '../../domain/text/file-stem';
import { distinctPeople } from '../board/board-presence';
import { PresenceList } from '../board/presence-list';
import type { PresencePerson } from '../board/presence-list';
import { SyncStatusLine, discardAndReload } from '../board/sync-status-line';
import { SyncProvider } from '../sync/sync-provider';
import { useDoc } from '../sync/use-doc';
import type { Peer } from '../sync/use-doc';
import { CaucusBanner } from './caucus-banner';
import { CaucusPanel } from './caucus-panel';
import { FacilitatorPanel } from './facilitator-panel';
import { PhaseStepper } from './phase-stepper';
import { sessionPermissions } from './permissions';
import { ReadyCheck } from './ready-check';
import { SessionBoard } from './session-board';
import { SessionProvider } from './session-context';
import type { SessionContextValue } from './session-context';
import type { AnyOutcome, RecordActions, SessionActions, SessionSnapshot } from './session-types';
import { SpeakingQueue } from './speaking-queue';
import { SpotlightBar, useScrollToPhase, useScrollToSpotlight } from './spotlight-bar';
import { TimerDisplay } from './timer-display';
import { useServerNow, useSessionState } from './use-session-state';

interface Props {
  partnershipId: string;
  initial: SessionSnapshot;
  self: PresencePerson;
  actions: SessionActions;
  records: RecordActions;
}

/** An IBB session at the table: the shared board (`ibb:<id>`) and the session's records, live. */
export function SessionScreen(props: Props) {
  return (
    <SyncProvider userId={props.self.id}>
      <LiveSession {...props} />
    </SyncProvider>
  );
}

function LiveSession({ partnershipId, initial, self, actions, records }: Props) {
  const t = useTranslations('ibbSession');
  const tp = useTranslations('parties');
  const tr = useTranslations('ibbSession.roles');
  const te = useTranslations('errors');
  const docState = useDoc(`ibb:${initial.state.id}`);
  const live = useSessionState(docState?.handle ?? null, initial, actions.load);
  const serverNow = useServerNow(live.clockOffsetMs);
  const { state } = live;
  const [error, setError] = useState<string | null>(null);

  const doc = docState?.doc ?? null;
  const board = useMemo(() => (doc ? readIbbBoard(doc) : null), [doc, docState?.version]);
  const authorOf = useAuthorNames(docState?.peers ?? [], doc?.clientID ?? null, t('authorYou'));
  const can = sessionPermissions(state, docState?.status.access ?? null);
  const { refresh } = live;

  const run = useCallback(
    async (call: () => Promise<AnyOutcome>) => {
      setError(null);
      try {
        const result = await call();
        if (!result.ok) setError(te.has(result.error.code) ? te(result.error.code) : te('generic'));
        return result.ok;
      } catch {
        setError(te('generic'));
        return false;
      } finally {
        refresh();
      }
    },
    [refresh, te],
  );
  const nameOf = useCallback((userId: string | null) => (userId ? (state.participants.find((p) => p.userId === userId)?.name ?? null) : null), [state.participants]);

  useScrollToSpotlight(state.spotlight, board !== null);
  useScrollToPhase(state.phase);

  if (!docState || !doc || !board) return <Shell title={state.title} message={t('loading')} />;
  const isBoardReady = docState.status.isSynced || docState.status.connection === 'offline' || board.groundRules.length > 0;
  const people = distinctPeople(docState.peers, self.id).map((p) => p.user);
  const context: SessionContextValue = { state, doc, board, can, actions, records, refresh, run, authorOf, nameOf, serverNow, partnershipId };

  return (
    <SessionProvider value={context}>
      <main id="main" data-wide className="mx-auto max-w-screen-2xl space-y-4 p-4">
        <header className="space-y-3">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div>
              <h1 className="break-words text-3xl font-bold">{state.title}</h1>
              <p className="text-zinc-800">{t('youAre', { role: tr(state.me.role), party: tp(state.me.party) })}</p>
            </div>
            <Link className="btn-secondary" href={`/p/${partnershipId}/ibb/${state.id}/projector`}>
              {t('projector.open')}
            </Link>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <SyncStatusLine
              status={docState.status}
              connectError={docState.connectError}
              onDiscardLocalChanges={discardAndReload(docState.handle)}
              deviceCopy={{ fileStem: fileStem(state.title, 'ibb'), read: () => readIbbBoard(doc) }}
            />
            {live.error && <span className="text-sm text-red-800">{t('recordsStale')}</span>}
          </div>
          <PresenceList self={self} others={people} />
          <PhaseStepper />
          <div className="grid gap-2 rounded-lg border-2 border-zinc-800 bg-white p-3 md:grid-cols-2">
            <p className="text-2xl font-bold" data-testid="current-phase">
              {t('nowPhase', { phase: t(`phases.${state.phase}`) })}
            </p>
            <TimerDisplay timer={state.timer} serverNow={serverNow} />
            {state.isLocked && <p className="rounded bg-zinc-800 px-3 py-1 font-semibold text-white md:col-span-2">{can.isFacilitator ? t('lockedFacilitator') : t('locked')}</p>}
            {can.isObserver && <p className="rounded bg-blue-100 px-3 py-1 font-semibold text-blue-900 md:col-span-2">{t('observing')}</p>}
            <div className="md:col-span-2">
              <CaucusBanner caucuses={state.caucuses} serverNow={serverNow} />
            </div>
            <div className="md:col-span-2">
              <SpotlightBar />
            </div>
          </div>
          <p role="alert" className={error ? 'alert-error' : 'sr-only'}>
            {error}
          </p>
        </header>
        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
          {/* On wide screens the controls stay in view beside a long board. */}
          <aside aria-label={t('sidebar')} className="min-w-0 space-y-4 lg:sticky lg:top-4 lg:order-2 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto">
            {can.isFacilitator && <FacilitatorPanel />}
            <ReadyCheck />
            <CaucusPanel />
            <SpeakingQueue receivedAt={live.receivedAt} clockOffsetMs={live.clockOffsetMs} />
          </aside>
          <div className="min-w-0 space-y-4 lg:order-1">{isBoardReady ? <SessionBoard /> : <p className="text-lg">{t('loadingBoard')}</p>}</div>
        </div>
      </main>
    </SessionProvider>
  );
}

/**
 * Names for named items, from presence only: every copy of the board seen this visit is
 * remembered, so an author who has left is still named. The doc never holds a name.
 */
function useAuthorNames(peers: Peer[], ownClientId: number | null, youLabel: string): (clientId: number | null) => string | null {
  const known = useRef(new Map<number, string>());
  useEffect(() => {
    for (const p of peers) known.current.set(p.clientId, p.user.name);
  }, [peers]);
  return useCallback(
    (clientId: number | null) => {
      if (clientId === null) return null;
      if (clientId === ownClientId) return youLabel;
      return known.current.get(clientId) ?? peers.find((p) => p.clientId === clientId)?.user.name ?? null;
    },
    [ownClientId, youLabel, peers],
  );
}

function Shell({ title, message }: { title: string; message: string }) {
  return (
    <main id="main" data-wide className="mx-auto max-w-screen-2xl space-y-4 p-4">
      <h1 className="break-words text-3xl font-bold">{title}</h1>
      <p className="text-lg">{message}</p>
    </main>
  );
}
