'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { BARGAINING_PARTIES, isBargainingParty } from '../../../domain/ibb/session-rules';
import type { BargainingParty } from '../../../domain/ibb/session-rules';
import type { EvaluationCell } from '../../../domain/ibb/views';
import { ActionMessageLine } from './action-message';
import { PartyBadge } from './record-parts';
import type { RecordPanelProps, RecordResult } from './types';
import { useBoardView } from './use-board-view';
import { useRecordAction } from './use-record-action';

export type EvaluateInput = { optionId: string; targetKind: 'criterion' | 'interest'; targetId: string; value: number };

export interface EvaluationGridProps extends RecordPanelProps {
  onEvaluate: (input: EvaluateInput) => Promise<RecordResult>;
}

type TargetKind = EvaluateInput['targetKind'];
const SCALE: Record<TargetKind, readonly number[]> = { criterion: [1, 2, 3, 4, 5], interest: [2, 1, 0] };

function useValueLabel(): (kind: TargetKind, value: number | null) => string {
  const t = useTranslations('ibbRecords.evaluation');
  return (kind, value) => {
    if (value === null) return t('unscored');
    if (kind === 'criterion') return String(value);
    return t(value === 2 ? 'satisfies.yes' : value === 1 ? 'satisfies.partial' : 'satisfies.no');
  };
}

function Cell(props: {
  kind: TargetKind;
  cell: EvaluationCell | undefined;
  myParty: BargainingParty | null;
  description: string;
  isPending: boolean;
  onSet: (value: number) => void;
}) {
  const t = useTranslations('ibbRecords.evaluation');
  const valueLabel = useValueLabel();
  const { kind, cell, myParty } = props;
  return (
    <td className={`border border-zinc-300 p-2 align-top ${cell?.isDissent ? 'bg-amber-50' : ''}`}>
      <div className="grid gap-1">
        {BARGAINING_PARTIES.map((party) => {
          const value = cell?.[party] ?? null;
          return (
            <div key={party} className="flex flex-wrap items-center gap-1 text-sm">
              <PartyBadge party={party} />
              {party === myParty ? (
                <select
                  className="field-input min-h-[40px] w-auto py-1"
                  aria-label={t('yourScore', { party: t(`party.${party}`), item: props.description })}
                  value={value === null ? '' : String(value)}
                  disabled={props.isPending}
                  onChange={(e) => e.target.value !== '' && props.onSet(Number(e.target.value))}
                >
                  <option value="" disabled>
                    {t('unscored')}
                  </option>
                  {SCALE[kind].map((v) => (
                    <option key={v} value={v}>
                      {valueLabel(kind, v)}
                    </option>
                  ))}
                </select>
              ) : (
                <span className="tabular-nums">{valueLabel(kind, value)}</span>
              )}
            </div>
          );
        })}
        {cell?.isDissent ? <span className="text-sm font-semibold text-amber-900">⚠ {t('dissent')}</span> : null}
      </div>
    </td>
  );
}

function Matrix(props: {
  kind: TargetKind;
  caption: string;
  options: { id: string; text: string; ref: string }[];
  targets: { id: string; text: string }[];
  cells: EvaluationCell[];
  myParty: BargainingParty | null;
  isPending: boolean;
  onSet: (input: EvaluateInput) => void;
}) {
  const t = useTranslations('ibbRecords.evaluation');
  const cellOf = (optionId: string, targetId: string) => props.cells.find((c) => c.optionId === optionId && c.targetKind === props.kind && c.targetId === targetId);
  const total = (optionId: string, party: BargainingParty) => props.cells.filter((c) => c.optionId === optionId && c.targetKind === 'criterion').reduce((sum, c) => sum + (c[party] ?? 0), 0);
  if (props.targets.length === 0) return <p className="text-zinc-700">{props.kind === 'criterion' ? t('noCriteria') : t('noInterests')}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full border-collapse">
        <caption className="mb-2 text-left font-semibold">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="border border-zinc-300 bg-zinc-100 p-2 text-left">
              {t('option')}
            </th>
            {props.targets.map((target) => (
              <th key={target.id} scope="col" className="max-w-[14rem] border border-zinc-300 bg-zinc-100 p-2 text-left align-bottom text-sm break-words">
                {target.text || t('untitled')}
              </th>
            ))}
            {props.kind === 'criterion' ? (
              <th scope="col" className="border border-zinc-300 bg-zinc-100 p-2 text-left">
                {t('total')}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {props.options.map((option) => (
            <tr key={option.id}>
              <th scope="row" className="max-w-[16rem] border border-zinc-300 p-2 text-left align-top font-normal break-words">
                <span className="font-semibold">{option.ref}</span> {option.text || t('untitled')}
              </th>
              {props.targets.map((target) => (
                <Cell
                  key={target.id}
                  kind={props.kind}
                  cell={cellOf(option.id, target.id)}
                  myParty={props.myParty}
                  description={t('cellDescription', { option: option.ref, target: target.text })}
                  isPending={props.isPending}
                  onSet={(value) => props.onSet({ optionId: option.id, targetKind: props.kind, targetId: target.id, value })}
                />
              ))}
              {props.kind === 'criterion' ? (
                <td className="border border-zinc-300 p-2 align-top text-sm">
                  {BARGAINING_PARTIES.map((party) => (
                    <div key={party} className="flex items-center gap-1">
                      <PartyBadge party={party} /> <span className="tabular-nums">{total(option.id, party)}</span>
                    </div>
                  ))}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Options × criteria (each party scores 1–5) and options × interests (satisfies yes /
 * partial / no), one issue at a time. Each party sets only its own column; the results
 * sit side by side with a flag where the parties see an option differently.
 */
export function EvaluationGrid(props: EvaluationGridProps) {
  const t = useTranslations('ibbRecords.evaluation');
  const board = useBoardView(props.doc);
  const { run, isPending, message } = useRecordAction(props.onChanged);
  const issuesWithOptions = board.issues.filter((i) => board.options.some((o) => o.issueId === i.id));
  const [chosenIssueId, setChosenIssueId] = useState<string | null>(null);
  const issueId = chosenIssueId ?? issuesWithOptions[0]?.id ?? '';
  const { me } = props.state;
  const myParty = isBargainingParty(me.party) && me.role !== 'observer' ? me.party : null;

  const options = board.options.filter((o) => o.issueId === issueId).map((o, i) => ({ id: o.id, text: o.text, ref: `O${i + 1}` }));
  const criteria = board.criteria.filter((c) => c.issueId === issueId || c.issueId === null);
  const interests = board.interests.filter((i) => i.issueId === issueId && i.mergedInto === null);
  const evaluate = (input: EvaluateInput) => run(() => props.onEvaluate(input));

  return (
    <section className="grid gap-4" aria-labelledby="ibb-evaluation-heading">
      <h3 id="ibb-evaluation-heading" className="text-xl font-semibold">
        {t('title')}
      </h3>
      <p className="text-zinc-700">{myParty ? t('introTeam', { party: t(`party.${myParty}`) }) : t('introViewer')}</p>
      {issuesWithOptions.length === 0 ? (
        <p className="text-zinc-700">{t('noOptions')}</p>
      ) : (
        <>
          <div className="max-w-md">
            <label className="field-label" htmlFor="ibb-evaluation-issue">
              {t('issue')}
            </label>
            <select id="ibb-evaluation-issue" className="field-input" value={issueId} onChange={(e) => setChosenIssueId(e.target.value)}>
              {issuesWithOptions.map((issue) => (
                <option key={issue.id} value={issue.id}>
                  {issue.title.trim() || t('untitled')}
                </option>
              ))}
            </select>
          </div>
          <Matrix kind="criterion" caption={t('criteriaCaption')} options={options} targets={criteria} cells={props.state.evaluations} myParty={myParty} isPending={isPending} onSet={evaluate} />
          <Matrix kind="interest" caption={t('interestsCaption')} options={options} targets={interests} cells={props.state.evaluations} myParty={myParty} isPending={isPending} onSet={evaluate} />
          <ActionMessageLine message={message} />
        </>
      )}
    </section>
  );
}
