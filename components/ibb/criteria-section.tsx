'use client';

import { useTranslations } from 'next-intl';
import { addCriterion, setItemField, setItemText } from '../../domain/ibb/ibb-board';
import type { CriterionView } from '../../domain/ibb/ibb-board';
import { newId } from '../board/new-id';
import { AddForm, BoardSection, ItemText, SpotlightToggle, useSpotlightFrame } from './item-parts';
import { useSession } from './session-context';

const WHOLE_SESSION = '';

/** Criteria (standards) for the whole session or one issue, each agreed by the group. */
export function CriteriaSection({ isCurrent }: { isCurrent: boolean }) {
  const t = useTranslations('ibbSession.criteria');
  const { board, doc, can } = useSession();
  const scopes = [{ id: WHOLE_SESSION, title: t('wholeSession') }, ...board.issues.map((i, index) => ({ id: i.id, title: t('forIssue', { position: index + 1, issue: i.title }) }))];
  return (
    <BoardSection id="phase-criteria" title={t('title')} intro={t('intro')} isCurrent={isCurrent}>
      {scopes.map((scope) => {
        const items = board.criteria.filter((c) => (c.issueId ?? WHOLE_SESSION) === scope.id);
        if (items.length === 0 && scope.id !== WHOLE_SESSION) return null;
        return (
          <section key={scope.id || 'session'} aria-label={scope.title} className="mt-3">
            <h3 className="text-lg font-bold">{scope.title}</h3>
            {items.length === 0 ? (
              <p className="italic text-zinc-700">{t('none')}</p>
            ) : (
              <ul className="space-y-2">
                {items.map((c, index) => (
                  <Criterion key={c.id} criterion={c} label={t('label', { scope: scope.title, position: index + 1 })} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
      {can.canEditBoard && (
        <AddForm label={t('add')} submitLabel={t('addSubmit')} onAdd={(text, form) => {
          const scope = String(form.get('scope') ?? '');
          addCriterion(doc, { id: newId(), text, issueId: board.issues.some((i) => i.id === scope) ? scope : null });
        }}>
          <label>
            <span className="field-label">{t('scopeLabel')}</span>
            <select name="scope" className="field-input max-w-[18rem]" defaultValue={WHOLE_SESSION}>
              {scopes.map((s) => (
                <option key={s.id || 'session'} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          </label>
        </AddForm>
      )}
    </BoardSection>
  );
}

function Criterion({ criterion, label }: { criterion: CriterionView; label: string }) {
  const t = useTranslations('ibbSession.criteria');
  const { doc, can } = useSession();
  const { isSpotlit, ...frame } = useSpotlightFrame('criterion', criterion.id);
  return (
    <li {...frame} className={`flex flex-wrap items-center gap-2 rounded-md border border-zinc-300 p-2 ${frame.className}`} aria-current={isSpotlit ? 'true' : undefined}>
      <div className="min-w-[12rem] flex-1">
        <ItemText value={criterion.text} label={label} canEdit={can.canEditBoard} onChange={(v) => setItemText(doc, 'criteria', criterion.id, 'text', v)} />
      </div>
      {can.canOrganize ? (
        <label className="flex min-h-[44px] items-center gap-2 font-semibold">
          <input type="checkbox" className="h-5 w-5" checked={criterion.isAgreed} onChange={(e) => setItemField(doc, 'criteria', criterion.id, 'isAgreed', e.currentTarget.checked)} />
          {t('agreed')}
          <span className="sr-only">: {label}</span>
        </label>
      ) : (
        <span className={`rounded px-2 py-0.5 text-sm font-semibold ${criterion.isAgreed ? 'bg-green-100 text-green-900' : 'bg-zinc-100 text-zinc-800'}`}>{criterion.isAgreed ? t('agreed') : t('notAgreed')}</span>
      )}
      <SpotlightToggle kind="criterion" id={criterion.id} itemLabel={label} />
    </li>
  );
}
