'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { INTEREST_HOLDERS, INTEREST_KINDS, addInterest, mergeInterest, setItemField, setItemText } from '../../domain/ibb/ibb-board';
import type { InterestHolder, InterestView, IssueView } from '../../domain/ibb/ibb-board';
import { newId } from '../board/new-id';
import { AddForm, AuthorLine, BoardSection, ItemText, PartyBadge, SelectField, SpotlightToggle, useSpotlightFrame } from './item-parts';
import { useSession } from './session-context';

/** Interests per issue, by who holds them; the mutual ones first and largest. */
export function InterestsSection({ isCurrent }: { isCurrent: boolean }) {
  const t = useTranslations('ibbSession.interests');
  const { board } = useSession();
  return (
    <BoardSection id="phase-interests" title={t('title')} intro={t('intro')} isCurrent={isCurrent}>
      {board.issues.length === 0 ? <p className="italic text-zinc-700">{t('needIssue')}</p> : board.issues.map((issue, index) => <IssueInterests key={issue.id} issue={issue} position={index + 1} />)}
    </BoardSection>
  );
}

/** Mutual interests come first: they are where agreement starts. */
const HOLDER_ORDER: InterestHolder[] = ['mutual', 'labor', 'management'];

const BLOCK_STYLE: Record<InterestHolder, string> = {
  mutual: 'border-4 border-green-700 bg-green-50',
  labor: 'border border-blue-300',
  management: 'border border-orange-300',
};

function IssueInterests({ issue, position }: { issue: IssueView; position: number }) {
  const t = useTranslations('ibbSession.interests');
  const th = useTranslations('ibbSession.holders');
  const tk = useTranslations('ibbSession.interestKinds');
  const { board, doc, can, state } = useSession();
  const all = board.interests.filter((i) => i.issueId === issue.id);
  const kept = all.filter((i) => !i.mergedInto);
  const mine: InterestHolder = state.me.party === 'labor' || state.me.party === 'management' ? state.me.party : 'mutual';
  const headingId = `interests-${issue.id}`;
  return (
    <section aria-labelledby={headingId} className="mt-4 first:mt-0">
      <h3 id={headingId} className="text-xl font-bold">
        {t('forIssue', { position, issue: issue.title })}
      </h3>
      {kept.length === 0 && <p className="italic text-zinc-700">{t('none')}</p>}
      {HOLDER_ORDER.map((holder) => {
        // Grouped interests sit together; ungrouped ones come last.
        const items = kept.filter((i) => i.holder === holder).sort((a, b) => (a.group ?? '\uffff').localeCompare(b.group ?? '\uffff'));
        if (items.length === 0) return null;
        return (
          <div key={holder} className={`mt-3 rounded-lg p-3 ${BLOCK_STYLE[holder]}`}>
            <h4 className={holder === 'mutual' ? 'text-xl font-bold text-green-900' : 'text-lg font-bold'}>{t(`block.${holder}`)}</h4>
            <ul className="mt-2 space-y-2">
              {items.map((interest, index) => (
                <Interest key={interest.id} interest={interest} label={t('label', { holder: th(holder), position: index + 1, issue: position })} siblings={kept} duplicates={all.filter((d) => d.mergedInto === interest.id)} />
              ))}
            </ul>
          </div>
        );
      })}
      {can.canEditBoard && (
        <AddForm
          label={t('add', { position })}
          submitLabel={t('addSubmit')}
          onAdd={(text, form) =>
            addInterest(doc, {
              id: newId(),
              issueId: issue.id,
              text,
              holder: INTEREST_HOLDERS.find((h) => h === form.get('holder')) ?? mine,
              kind: INTEREST_KINDS.find((k) => k === form.get('kind')) ?? 'substantive',
            })
          }
        >
          <SelectField label={t('holderLabel')} name="holder" defaultValue={mine} options={INTEREST_HOLDERS.map((h) => ({ value: h, label: th(h) }))} />
          <SelectField label={t('kindLabel')} name="kind" defaultValue="substantive" options={INTEREST_KINDS.map((k) => ({ value: k, label: tk(k) }))} />
        </AddForm>
      )}
    </section>
  );
}

function Interest({ interest, label, siblings, duplicates }: { interest: InterestView; label: string; siblings: InterestView[]; duplicates: InterestView[] }) {
  const t = useTranslations('ibbSession.interests');
  const th = useTranslations('ibbSession.holders');
  const tk = useTranslations('ibbSession.interestKinds');
  const { doc, can } = useSession();
  const { isSpotlit, ...frame } = useSpotlightFrame('interest', interest.id);
  const others = siblings.filter((s) => s.id !== interest.id);
  const [mergeTarget, setMergeTarget] = useState('');
  const isMutual = interest.holder === 'mutual';
  return (
    <li {...frame} className={`rounded-md border border-zinc-300 bg-white p-2 ${frame.className}`} aria-current={isSpotlit ? 'true' : undefined}>
      <ItemText value={interest.text} label={label} canEdit={can.canEditBoard} isMultiline className={isMutual ? 'text-xl font-semibold' : ''} onChange={(v) => setItemText(doc, 'interests', interest.id, 'text', v)} />
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <PartyBadge party={isMutual ? 'community' : interest.holder} label={th(interest.holder)} />
        <span className="rounded bg-zinc-100 px-2 py-0.5 text-sm">{tk(interest.kind)}</span>
        {interest.group && <span className="rounded border border-zinc-500 px-2 py-0.5 text-sm">{t('groupIs', { group: interest.group })}</span>}
        <AuthorLine clientId={interest.creatorClientId} />
        <SpotlightToggle kind="interest" id={interest.id} itemLabel={label} />
      </div>
      {duplicates.length > 0 && (
        <div className="mt-2 text-sm">
          <p className="font-semibold">{t('duplicates', { count: duplicates.length })}</p>
          <ul className="ml-4 list-disc">
            {duplicates.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center gap-2">
                <span>{d.text}</span>
                {can.canOrganize && (
                  <button type="button" className="underline" onClick={() => setItemField(doc, 'interests', d.id, 'mergedInto', null)} aria-label={t('unmergeLabel', { text: d.text })}>
                    {t('unmerge')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {can.canOrganize && (
        <details className="mt-2">
          <summary className="cursor-pointer font-semibold">{t('organize', { item: label })}</summary>
          <div className="mt-2 flex flex-wrap items-end gap-2">
            <SelectField label={t('holderLabel')} value={interest.holder} options={INTEREST_HOLDERS.map((h) => ({ value: h, label: th(h) }))} onChange={(h) => setItemField(doc, 'interests', interest.id, 'holder', h)} />
            <SelectField label={t('kindLabel')} value={interest.kind} options={INTEREST_KINDS.map((k) => ({ value: k, label: tk(k) }))} onChange={(k) => setItemField(doc, 'interests', interest.id, 'kind', k)} />
            <form
              className="flex items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                const group = String(new FormData(e.currentTarget).get('group') ?? '').trim().slice(0, 100);
                setItemField(doc, 'interests', interest.id, 'group', group || null);
              }}
            >
              <label>
                <span className="field-label">{t('groupLabel')}</span>
                <input name="group" type="text" maxLength={100} defaultValue={interest.group ?? ''} className="field-input" autoComplete="off" />
              </label>
              <button type="submit" className="btn-secondary">
                {t('groupSubmit')}
              </button>
            </form>
            {others.length > 0 && (
              <div className="flex items-end gap-2">
                <label>
                  <span className="field-label">{t('mergeLabel')}</span>
                  <select className="field-input max-w-[16rem]" value={mergeTarget} onChange={(e) => setMergeTarget(e.currentTarget.value)}>
                    <option value="">{t('mergeChoose')}</option>
                    {others.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.text.slice(0, 80)}
                      </option>
                    ))}
                  </select>
                </label>
                <button
                  type="button"
                  className="btn-secondary"
                  disabled={!mergeTarget}
                  onClick={() => {
                    // The duplicate's own duplicates follow it, so nothing points at a merged interest.
                    doc.transact(() => {
                      for (const d of duplicates) mergeInterest(doc, d.id, mergeTarget);
                      mergeInterest(doc, interest.id, mergeTarget);
                    });
                    setMergeTarget('');
                  }}
                >
                  {t('mergeSubmit')}
                </button>
              </div>
            )}
          </div>
        </details>
      )}
    </li>
  );
}
