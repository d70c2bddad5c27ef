'use client';

import { useTranslations } from 'next-intl';
import { isBargainingParty } from '../../../domain/ibb/session-rules';
import type { CheckView } from '../../../domain/ibb/views';
import { ActionMessageLine } from './action-message';
import { CheckAnswerForm } from './check-answer-form';
import { checkChains } from './check-chains';
import { PartyDistribution, useAnswerLabel } from './consensus-chart';
import { OpenCheckForm } from './open-check-form';
import type { OpenCheckInput } from './open-check-form';
import { Badge, PartyBadge, useSubjectLabel } from './record-parts';
import type { RecordPanelProps, RecordResult } from './types';
import { useBoardView } from './use-board-view';
import { useRecordAction } from './use-record-action';

export interface ConsensusPanelProps extends RecordPanelProps {
  onOpenCheck: (input: OpenCheckInput) => Promise<RecordResult<{ id: string }>>;
  onAnswer: (checkId: string, input: { value: number; concern?: string }) => Promise<RecordResult>;
  onReveal: (checkId: string) => Promise<RecordResult>;
  onRetest: (checkId: string) => Promise<RecordResult<{ id: string }>>;
}

function RoundResult({ check }: { check: CheckView }) {
  const t = useTranslations('ibbRecords.consensus');
  const label = useAnswerLabel();
  if (!check.result) return null;
  const result = check.result;
  return (
    <div className="grid gap-3">
      <p>{result.reached ? <Badge tone="green">{t('reached')}</Badge> : <Badge tone="red">{t('notReached')}</Badge>}</p>
      <div className="flex flex-wrap gap-3">
        <PartyDistribution party="labor" tally={result.byParty.labor} kind={check.kind} threshold={check.threshold} />
        <PartyDistribution party="management" tally={result.byParty.management} kind={check.kind} threshold={check.threshold} />
      </div>
      {check.concerns.length > 0 ? (
        <div>
          <h5 className="font-semibold">{t('concerns')}</h5>
          {(['labor', 'management'] as const).map((party) => {
            const concerns = check.concerns.filter((c) => c.party === party);
            if (concerns.length === 0) return null;
            return (
              <div key={party} className="mt-2">
                <PartyBadge party={party} />
                <ul className="mt-1 list-disc pl-6">
                  {concerns.map((c, i) => (
                    <li key={i} className="whitespace-pre-wrap break-words">
                      <span className="font-semibold">{label(check.kind, c.value)}:</span> {c.concern}
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}

function CheckCard({ rounds, props }: { rounds: CheckView[]; props: ConsensusPanelProps }) {
  const t = useTranslations('ibbRecords.consensus');
  const label = useAnswerLabel();
  const board = useBoardView(props.doc);
  const subjectLabel = useSubjectLabel(board);
  const { run, isPending, message } = useRecordAction(props.onChanged);
  const latest = rounds[0];
  if (!latest) return null;
  const { me } = props.state;
  const isFacilitator = me.role === 'facilitator';
  const canAnswer = isBargainingParty(me.party) && me.role !== 'observer' && me.role !== 'facilitator';
  const earlier = rounds.slice(1);
  const subject = subjectLabel(latest.subject);

  return (
    <article className="card grid gap-3" aria-labelledby={`check-${latest.id}`}>
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div>
          {subject ? <p className="text-sm text-zinc-700">{subject}</p> : null}
          <h4 id={`check-${latest.id}`} className="text-lg font-semibold break-words">
            {latest.question}
          </h4>
          <p className="text-sm text-zinc-700">
            {t('roundOf', { round: latest.round })} · {t(`kinds.${latest.kind}`)} · {t('rule', { threshold: latest.threshold })}
          </p>
        </div>
        {latest.isRevealed ? <Badge tone="zinc">{t('revealed')}</Badge> : <Badge tone="blue">{t('isOpen')}</Badge>}
      </header>

      {!latest.isRevealed ? (
        <>
          <p className="flex flex-wrap items-center gap-2" aria-live="polite">
            <span className="font-semibold">{t('answeredSoFar')}</span>
            <PartyBadge party="labor" /> <span className="tabular-nums">{latest.answeredByParty.labor}</span>
            <PartyBadge party="management" /> <span className="tabular-nums">{latest.answeredByParty.management}</span>
          </p>
          {canAnswer && latest.myAnswer === null ? (
            <CheckAnswerForm
              check={latest}
              isPending={isPending}
              onSubmit={(value, concern) =>
                run(() => props.onAnswer(latest.id, { value, ...(concern ? { concern } : {}) }), { okText: t('answeredOk'), errors: { conflict: 'alreadyAnswered' } })
              }
            />
          ) : null}
          {latest.myAnswer !== null ? <p className="alert-ok">{t('yourAnswer', { value: label(latest.kind, latest.myAnswer) })}</p> : null}
          {isFacilitator ? (
            <div>
              <button type="button" className="btn-primary" disabled={isPending} onClick={() => run(() => props.onReveal(latest.id), { errors: { conflict: 'alreadyRevealed' } })}>
                {t('reveal')}
              </button>
              <p className="mt-1 text-sm text-zinc-700">{t('revealHint')}</p>
            </div>
          ) : null}
        </>
      ) : (
        <>
          <RoundResult check={latest} />
          {latest.myAnswer !== null ? <p className="text-sm text-zinc-700">{t('yourAnswer', { value: label(latest.kind, latest.myAnswer) })}</p> : null}
          {isFacilitator ? (
            <div>
              <button type="button" className="btn-secondary" disabled={isPending} onClick={() => run(() => props.onRetest(latest.id), { errors: { conflict: 'revealFirst' } })}>
                {t('retest')}
              </button>
            </div>
          ) : null}
        </>
      )}
      <ActionMessageLine message={message} />

      {earlier.length > 0 ? (
        <details>
          <summary className="min-h-[44px] cursor-pointer py-2 font-semibold">{t('earlierRounds', { count: earlier.length })}</summary>
          <ol className="grid gap-3">
            {earlier.map((round) => (
              <li key={round.id} className="rounded-md border border-zinc-300 p-3">
                <p className="mb-2 font-semibold">{t('roundOf', { round: round.round })}</p>
                {round.isRevealed ? <RoundResult check={round} /> : <p className="text-sm text-zinc-700">{t('notRevealed')}</p>}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </article>
  );
}

/**
 * Consensus checks: the facilitator opens a check on an issue, every team member answers
 * privately, the facilitator reveals all answers at once (by party), and re-tests after
 * concerns are heard. Every round is kept.
 */
export function ConsensusPanel(props: ConsensusPanelProps) {
  const t = useTranslations('ibbRecords.consensus');
  const board = useBoardView(props.doc);
  const { run, isPending, message } = useRecordAction(props.onChanged);
  const chains = checkChains(props.state.checks);
  return (
    <section className="grid gap-4" aria-labelledby="ibb-consensus-heading">
      <h3 id="ibb-consensus-heading" className="text-xl font-semibold">
        {t('title')}
      </h3>
      <p className="text-zinc-700">{t('intro', { threshold: props.state.consensusThreshold })}</p>
      {props.state.me.role === 'facilitator' ? (
        <>
          <OpenCheckForm board={board} isPending={isPending} onSubmit={(input) => run(() => props.onOpenCheck(input), { okText: t('opened') })} />
          <ActionMessageLine message={message} />
        </>
      ) : null}
      {chains.length === 0 ? <p className="text-zinc-700">{t('none')}</p> : null}
      {chains.map((rounds) => (
        <CheckCard key={rounds[rounds.length - 1]?.id} rounds={rounds} props={props} />
      ))}
    </section>
  );
}
