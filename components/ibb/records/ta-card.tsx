'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { IbbBoardView } from '../../../domain/ibb/ibb-board';
import { BARGAINING_PARTIES, isBargainingParty } from '../../../domain/ibb/session-rules';
import type { BargainingParty } from '../../../domain/ibb/session-rules';
import type { SessionState, TaView } from '../../../domain/ibb/views';
import { ActionMessageLine } from './action-message';
import { ConfirmSignature } from './confirm-signature';
import { ProposeTaForm } from './propose-ta-form';
import type { ProposeTaInput } from './propose-ta-form';
import { Badge, PartyBadge, useRecordTime, useSubjectLabel } from './record-parts';
import { hashDisplayedText, shortHash } from './text-hash';
import type { RecordResult } from './types';
import { useRecordAction } from './use-record-action';

export interface TaActions {
  onPropose: (input: ProposeTaInput) => Promise<RecordResult<{ id: string; textHash: string }>>;
  onInitial: (taId: string, input: { textHash: string }) => Promise<RecordResult<{ isFrozen: boolean }>>;
  onRatify: (taId: string, input: { party: BargainingParty; outcome: 'ratified' | 'rejected' }) => Promise<RecordResult>;
}

function InitialsList({ ta, state }: { ta: TaView; state: SessionState }) {
  const t = useTranslations('ibbRecords.agreements');
  const time = useRecordTime();
  const nameOf = (userId: string) => state.participants.find((p) => p.userId === userId)?.name ?? t('someone');
  return (
    <ul className="grid gap-1">
      {BARGAINING_PARTIES.map((party) => {
        const initial = ta.initials.find((i) => i.party === party);
        return (
          <li key={party} className="flex flex-wrap items-center gap-2">
            <PartyBadge party={party} />
            {initial ? (
              <span>
                {t('initialedBy', { name: nameOf(initial.userId), at: time(initial.initialedAt) })}
                {initial.textHash !== ta.textHash ? <span className="ml-2 font-semibold text-red-800">{t('initialMismatch')}</span> : null}
              </span>
            ) : (
              <span className="text-zinc-700">{ta.isSuperseded ? t('neverInitialed') : t('awaitingInitial')}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Ratifications({ ta, state, actions, onChanged }: { ta: TaView; state: SessionState; actions: TaActions; onChanged: () => void }) {
  const t = useTranslations('ibbRecords.agreements');
  const time = useRecordTime();
  const { run, isPending, message } = useRecordAction(onChanged);
  const { me } = state;
  const canRecord = (party: BargainingParty) => me.role === 'facilitator' || (me.role === 'chief_spokesperson' && me.party === party);
  return (
    <div>
      <h5 className="font-semibold">{t('ratification')}</h5>
      <ul className="mt-1 grid gap-2">
        {BARGAINING_PARTIES.map((party) => {
          const r = ta.ratifications.find((x) => x.party === party);
          return (
            <li key={party} className="flex flex-wrap items-center gap-2">
              <PartyBadge party={party} />
              {r ? (
                <Badge tone={r.outcome === 'ratified' ? 'green' : 'red'}>{t(`outcome.${r.outcome}`, { at: time(r.recordedAt) })}</Badge>
              ) : canRecord(party) ? (
                (['ratified', 'rejected'] as const).map((outcome) => (
                  <button
                    key={outcome}
                    type="button"
                    className={outcome === 'ratified' ? 'btn-secondary' : 'btn-danger'}
                    disabled={isPending}
                    onClick={() => {
                      if (!window.confirm(t(`confirm.${outcome}`, { party: t(`party.${party}`) }))) return;
                      run(() => actions.onRatify(ta.id, { party, outcome }), { errors: { conflict: 'ratificationConflict' } });
                    }}
                  >
                    {t(`record.${outcome}`, { party: t(`party.${party}`) })}
                  </button>
                ))
              ) : (
                <span className="text-zinc-700">{t('pendingRatification')}</span>
              )}
            </li>
          );
        })}
      </ul>
      <ActionMessageLine message={message} />
    </div>
  );
}

/**
 * One tentative agreement: its exact text and fingerprint, each party's initials, and —
 * for the chief spokesperson or a signer — initialing that exact text. The button sends
 * the hash of the text on this screen, so a text changed since it was read is refused.
 */
export function TaCard({ ta, state, board, actions, onChanged }: { ta: TaView; state: SessionState; board: IbbBoardView; actions: TaActions; onChanged: () => void }) {
  const t = useTranslations('ibbRecords.agreements');
  const subjectLabel = useSubjectLabel(board);
  const { run, isPending, message } = useRecordAction(onChanged);
  const [isSuperseding, setIsSuperseding] = useState(false);
  const { me } = state;
  const myParty = isBargainingParty(me.party) ? me.party : null;
  const canInitialThis = me.canInitial && myParty !== null && !ta.isFrozen && !ta.isSuperseded && !ta.initials.some((i) => i.party === myParty);
  const isDrafter = me.role === 'facilitator' || me.role === 'ta_drafter';
  const headingId = `ta-${ta.id}`;
  const subject = subjectLabel(ta.subject);

  return (
    <article className={`card grid gap-3 ${ta.isSuperseded ? 'opacity-75' : ''}`} aria-labelledby={headingId}>
      <header className="grid gap-1">
        {subject ? <p className="text-sm text-zinc-700">{subject}</p> : null}
        <h4 id={headingId} className="text-lg font-semibold break-words">
          {ta.title}
        </h4>
        <p className="flex flex-wrap gap-2">
          {ta.isFrozen ? <Badge tone="blue">{t('frozen')}</Badge> : null}
          {ta.isSuperseded ? <Badge tone="zinc">{t('superseded')}</Badge> : null}
          {!ta.isFrozen && !ta.isSuperseded ? <Badge tone="amber">{t('awaiting')}</Badge> : null}
          {ta.isContingent ? <Badge tone="amber">{t('contingentBadge')}</Badge> : null}
          {ta.isVerified ? <Badge tone="green">{t('verified')}</Badge> : <Badge tone="red">{t('notVerified')}</Badge>}
        </p>
      </header>
      <pre className="whitespace-pre-wrap break-words rounded-md border-l-4 border-zinc-500 bg-zinc-50 p-3 font-sans text-base">{ta.text}</pre>
      <p className="text-sm">
        <span className="font-semibold">{t('hash')}</span> <code className="break-all font-mono">{ta.textHash}</code>
      </p>
      <InitialsList ta={ta} state={state} />

      {canInitialThis && myParty ? (
        <ConfirmSignature
          startLabel={t('initial', { party: t(`party.${myParty}`) })}
          question={t('confirmInitial', { party: t(`party.${myParty}`), hash: shortHash(ta.textHash) })}
          confirmLabel={t('confirmInitialButton')}
          cancelLabel={t('cancel')}
          isPending={isPending}
          onConfirm={(close) =>
            run(async () => actions.onInitial(ta.id, { textHash: await hashDisplayedText(ta.text) }), {
              okText: t('initialedOk'),
              errors: { conflict: 'textChanged' },
              onOk: close,
            })
          }
        />
      ) : null}
      <ActionMessageLine message={message} />

      {ta.isFrozen && !ta.isSuperseded ? <Ratifications ta={ta} state={state} actions={actions} onChanged={onChanged} /> : null}

      {isDrafter && !ta.isSuperseded ? (
        isSuperseding ? (
          <ProposeTaForm
            board={board}
            initial={{ subject: ta.subject, title: ta.title, text: ta.text, isContingent: ta.isContingent, supersedesId: ta.id }}
            isPending={isPending}
            onCancel={() => setIsSuperseding(false)}
            onSubmit={(input) => run(() => actions.onPropose(input), { okText: t('proposedOk'), errors: { conflict: 'alreadySuperseded' }, onOk: () => setIsSuperseding(false) })}
          />
        ) : (
          <div>
            <button type="button" className="btn-secondary" onClick={() => setIsSuperseding(true)}>
              {t('supersede')}
            </button>
          </div>
        )
      ) : null}
    </article>
  );
}
