'use client';

import { useTranslations } from 'next-intl';
import { GROUND_RULE_CATEGORIES, addGroundRule, removeItem, setItemText } from '../../domain/ibb/ibb-board';
import type { GroundRuleView } from '../../domain/ibb/ibb-board';
import { newId } from '../board/new-id';
import { AddForm, BoardSection, ItemText, SpotlightToggle, useSpotlightFrame } from './item-parts';
import { useSession } from './session-context';

/** Ground rules by category; adopted with a consensus check and shown at every meeting. */
export function GroundRulesSection({ isCurrent }: { isCurrent: boolean }) {
  const t = useTranslations('ibbSession.groundRules');
  const tc = useTranslations('ibbSession.groundRuleCategories');
  const { board, doc, can } = useSession();
  return (
    <BoardSection id="phase-ground_rules" title={t('title')} intro={t('intro')} isCurrent={isCurrent}>
      <div className="grid gap-4 md:grid-cols-2">
        {GROUND_RULE_CATEGORIES.map((category) => {
          const rules = board.groundRules.filter((r) => r.category === category);
          return (
            <div key={category}>
              <h3 className="text-lg font-bold">{tc(category)}</h3>
              {rules.length === 0 ? (
                <p className="italic text-zinc-700">{t('none')}</p>
              ) : (
                <ul className="space-y-2">
                  {rules.map((rule, index) => (
                    <GroundRule key={rule.id} rule={rule} label={t('ruleLabel', { category: tc(category), position: index + 1 })} />
                  ))}
                </ul>
              )}
              {can.canEditBoard && (
                <AddForm label={t('add', { category: tc(category) })} submitLabel={t('addSubmit')} onAdd={(text) => addGroundRule(doc, { id: newId(), category, text })} />
              )}
            </div>
          );
        })}
      </div>
    </BoardSection>
  );
}

function GroundRule({ rule, label }: { rule: GroundRuleView; label: string }) {
  const t = useTranslations('ibbSession');
  const { doc, can } = useSession();
  const { isSpotlit, ...frame } = useSpotlightFrame('groundRule', rule.id);
  return (
    <li {...frame} className={`rounded-md border border-zinc-300 p-2 ${frame.className}`} aria-current={isSpotlit ? 'true' : undefined}>
      <ItemText value={rule.text} label={label} canEdit={can.canEditBoard} isMultiline onChange={(next) => setItemText(doc, 'groundRules', rule.id, 'text', next)} />
      <div className="mt-1 flex flex-wrap gap-2">
        <SpotlightToggle kind="groundRule" id={rule.id} itemLabel={label} />
        {can.canOrganize && (
          <button type="button" className="btn-danger min-h-[36px] px-2 py-1 text-sm" aria-label={t('removeItem', { item: label })} onClick={() => removeItem(doc, 'groundRules', rule.id)}>
            {t('remove')}
          </button>
        )}
      </div>
    </li>
  );
}
