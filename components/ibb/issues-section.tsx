'use client';

import { useTranslations } from 'next-intl';
import { ISSUE_STATUSES, RAISED_BY, addIssue, setIssueStatus, setItemField, setItemText } from '../../domain/ibb/ibb-board';
import type { IssueView, RaisedBy } from '../../domain/ibb/ibb-board';
import { newId } from '../board/new-id';
import { AddForm, AuthorLine, BoardSection, ItemText, PartyBadge, SelectField, SpotlightToggle, useSpotlightFrame } from './item-parts';
import { useSession } from './session-context';

const STATUS_TONE: Record<IssueView['status'], string> = {
  open: 'bg-zinc-200 text-zinc-900',
  in_progress: 'bg-blue-100 text-blue-900',
  ta_reached: 'bg-green-100 text-green-900',
  parked: 'bg-amber-100 text-amber-900',
  withdrawn: 'bg-zinc-100 text-zinc-700 line-through',
};

/** Issues framed as problems to solve together ("How can we…"), in the order the group set. */
export function IssuesSection({ isCurrent }: { isCurrent: boolean }) {
  const t = useTranslations('ibbSession.issues');
  const { board, doc, can, state } = useSession();
  const mine: RaisedBy = state.me.party === 'labor' || state.me.party === 'management' ? state.me.party : 'joint';
  // Moving renumbers every issue, so equal order values (two issues added at once) cannot stick.
  const moveIssue = (index: number, direction: -1 | 1) => {
    const ids = board.issues.map((i) => i.id);
    const moved = ids[index];
    const target = index + direction;
    if (moved === undefined || target < 0 || target >= ids.length) return;
    ids.splice(index, 1);
    ids.splice(target, 0, moved);
    doc.transact(() => ids.forEach((id, i) => setItemField(doc, 'issues', id, 'order', i + 1)));
    // Keep the keyboard on the same control of the moved issue (or its other arrow at an end).
    requestAnimationFrame(() => {
      const item = document.getElementById(`issue-${moved}`);
      const wanted = item?.querySelector<HTMLElement>(`[data-control="${direction === -1 ? 'up' : 'down'}"]`);
      (wanted ?? item?.querySelector<HTMLElement>('[data-control]'))?.focus();
    });
  };
  return (
    <BoardSection id="phase-issues" title={t('title')} intro={t('intro')} isCurrent={isCurrent}>
      {board.issues.length === 0 ? (
        <p className="italic text-zinc-700">{t('none')}</p>
      ) : (
        <ol className="space-y-3">
          {board.issues.map((issue, index) => (
            <IssueItem key={issue.id} issue={issue} position={index + 1} count={board.issues.length} onMove={(direction) => moveIssue(index, direction)} />
          ))}
        </ol>
      )}
      {can.canEditBoard && (
        <AddForm label={t('add')} submitLabel={t('addSubmit')} defaultText={t('prefix')} onAdd={(text, form) => addIssue(doc, { id: newId(), title: text, raisedBy: RAISED_BY.find((r) => r === form.get('raisedBy')) ?? mine })}>
          <RaisedBySelect defaultValue={mine} />
        </AddForm>
      )}
    </BoardSection>
  );
}

function RaisedBySelect({ defaultValue }: { defaultValue: RaisedBy }) {
  const t = useTranslations('ibbSession.issues');
  const tr = useTranslations('ibbSession.raisedBy');
  return <SelectField label={t('raisedByLabel')} name="raisedBy" defaultValue={defaultValue} options={RAISED_BY.map((r) => ({ value: r, label: tr(r) }))} />;
}

function IssueItem({ issue, position, count, onMove }: { issue: IssueView; position: number; count: number; onMove: (direction: -1 | 1) => void }) {
  const t = useTranslations('ibbSession.issues');
  const tr = useTranslations('ibbSession.raisedBy');
  const ts = useTranslations('ibbSession.issueStatus');
  const { doc, can } = useSession();
  const { isSpotlit, ...frame } = useSpotlightFrame('issue', issue.id);
  const label = t('label', { position });
  return (
    <li {...frame} id={`issue-${issue.id}`} className={`rounded-md border border-zinc-300 p-3 ${frame.className}`} aria-current={isSpotlit ? 'true' : undefined}>
      <div className="flex flex-wrap items-start gap-2">
        <span className="text-xl font-bold" aria-hidden="true">
          {position}.
        </span>
        <div className="min-w-[12rem] flex-1">
          <ItemText value={issue.title} label={label} canEdit={can.canEditBoard} className="text-lg font-semibold" onChange={(v) => setItemText(doc, 'issues', issue.id, 'title', v)} />
        </div>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <PartyBadge party={issue.raisedBy === 'joint' ? 'neutral' : issue.raisedBy} label={t('raisedBy', { by: tr(issue.raisedBy) })} />
        {can.canOrganize ? (
          <SelectField
            label={t('statusOf', { issue: label })}
            isLabelHidden
            value={issue.status}
            options={ISSUE_STATUSES.map((s) => ({ value: s, label: ts(s) }))}
            onChange={(s) => setIssueStatus(doc, issue.id, s)}
          />
        ) : (
          <span className={`rounded px-2 py-0.5 text-sm font-semibold ${STATUS_TONE[issue.status]}`}>{ts(issue.status)}</span>
        )}
        <AuthorLine clientId={issue.creatorClientId} />
        <SpotlightToggle kind="issue" id={issue.id} itemLabel={label} />
        {can.canOrganize && position > 1 && (
          <button type="button" data-control="up" className="btn-secondary min-h-[36px] px-2 py-1 text-sm" aria-label={t('moveUp', { issue: label })} onClick={() => onMove(-1)}>
            ↑
          </button>
        )}
        {can.canOrganize && position < count && (
          <button type="button" data-control="down" className="btn-secondary min-h-[36px] px-2 py-1 text-sm" aria-label={t('moveDown', { issue: label })} onClick={() => onMove(1)}>
            ↓
          </button>
        )}
      </div>
    </li>
  );
}
