'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ActionMessageLine } from './action-message';
import { ProposeTaForm } from './propose-ta-form';
import { TaCard } from './ta-card';
import type { TaActions } from './ta-card';
import type { RecordPanelProps } from './types';
import { useBoardView } from './use-board-view';
import { useRecordAction } from './use-record-action';

export type AgreementsPanelProps = RecordPanelProps & TaActions;

/**
 * Tentative agreements: text proposed by the facilitator or TA drafter (from the issue's
 * single text), initialed by each party against its exact hash, frozen once both have,
 * changed only by a new TA that supersedes it, and later ratified or rejected per party.
 */
export function AgreementsPanel(props: AgreementsPanelProps) {
  const t = useTranslations('ibbRecords.agreements');
  const board = useBoardView(props.doc);
  const { run, isPending, message } = useRecordAction(props.onChanged);
  const [isProposing, setIsProposing] = useState(false);
  const { state } = props;
  const isDrafter = state.me.role === 'facilitator' || state.me.role === 'ta_drafter';
  const current = state.agreements.filter((ta) => !ta.isSuperseded);
  const superseded = state.agreements.filter((ta) => ta.isSuperseded);
  const actions = { onPropose: props.onPropose, onInitial: props.onInitial, onRatify: props.onRatify };

  return (
    <section className="grid gap-4" aria-labelledby="ibb-agreements-heading">
      <h3 id="ibb-agreements-heading" className="text-xl font-semibold">
        {t('title')}
      </h3>
      <p className="text-zinc-700">{t('intro')}</p>
      {isDrafter ? (
        isProposing ? (
          <ProposeTaForm
            board={board}
            isPending={isPending}
            onCancel={() => setIsProposing(false)}
            onSubmit={(input) => run(() => props.onPropose(input), { okText: t('proposedOk'), onOk: () => setIsProposing(false) })}
          />
        ) : (
          <div>
            <button type="button" className="btn-primary" onClick={() => setIsProposing(true)}>
              {t('propose')}
            </button>
          </div>
        )
      ) : null}
      <ActionMessageLine message={message} />
      {current.length === 0 ? <p className="text-zinc-700">{t('none')}</p> : null}
      {current.map((ta) => (
        <TaCard key={ta.id} ta={ta} state={state} board={board} actions={actions} onChanged={props.onChanged} />
      ))}
      {superseded.length > 0 ? (
        <details>
          <summary className="min-h-[44px] cursor-pointer py-2 font-semibold">{t('supersededList', { count: superseded.length })}</summary>
          <div className="grid gap-3">
            {superseded.map((ta) => (
              <TaCard key={ta.id} ta={ta} state={state} board={board} actions={actions} onChanged={props.onChanged} />
            ))}
          </div>
        </details>
      ) : null}
    </section>
  );
}
