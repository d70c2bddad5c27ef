'use client';

import { useTranslations } from 'next-intl';
import { addActionItem, setItemField, setItemText } from '../../domain/ibb/ibb-board';
import type { ActionItemView } from '../../domain/ibb/ibb-board';
import { newId } from '../board/new-id';
import { AddForm, BoardSection, ItemText, SpotlightToggle, useSpotlightFrame } from './item-parts';
import { useSession } from './session-context';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Follow-ups with an owner on each side and a due date. Owners are ids; names come from the roster. */
export function ActionItemsSection() {
  const t = useTranslations('ibbSession.actionItems');
  const { board, doc, can } = useSession();
  return (
    <BoardSection id="action-items" title={t('title')} intro={t('intro')} isCurrent={false}>
      {board.actionItems.length === 0 ? (
        <p className="italic text-zinc-700">{t('none')}</p>
      ) : (
        <ul className="space-y-2">
          {board.actionItems.map((item, index) => (
            <ActionItem key={item.id} item={item} label={t('label', { position: index + 1 })} />
          ))}
        </ul>
      )}
      {can.canEditBoard && (
        <AddForm
          label={t('add')}
          submitLabel={t('addSubmit')}
          onAdd={(text, form) => {
            const due = String(form.get('due') ?? '');
            addActionItem(doc, { id: newId(), text, laborOwner: ownerOrNull(form.get('laborOwner')), managementOwner: ownerOrNull(form.get('managementOwner')), due: DATE.test(due) ? due : null });
          }}
        >
          <OwnerSelect side="labor" name="laborOwner" />
          <OwnerSelect side="management" name="managementOwner" />
          <label>
            <span className="field-label">{t('due')}</span>
            <input type="date" name="due" className="field-input" />
          </label>
        </AddForm>
      )}
    </BoardSection>
  );
}

function ownerOrNull(value: FormDataEntryValue | null): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function OwnerSelect({ side, name, value, onChange, itemLabel }: { side: 'labor' | 'management'; name?: string; value?: string | null; onChange?: (userId: string | null) => void; itemLabel?: string }) {
  const t = useTranslations('ibbSession.actionItems');
  const { state } = useSession();
  const people = state.participants.filter((p) => p.party === side && p.role !== 'observer');
  const label = t(side === 'labor' ? 'laborOwner' : 'managementOwner');
  return (
    <label>
      <span className="field-label">
        {label}
        {itemLabel && <span className="sr-only"> ({itemLabel})</span>}
      </span>
      <select
        name={name}
        className="field-input max-w-[14rem]"
        {...(onChange ? { value: value ?? '', onChange: (e) => onChange(ownerOrNull(e.currentTarget.value)) } : { defaultValue: '' })}
      >
        <option value="">{t('noOwner')}</option>
        {people.map((p) => (
          <option key={p.userId} value={p.userId}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function ActionItem({ item, label }: { item: ActionItemView; label: string }) {
  const t = useTranslations('ibbSession.actionItems');
  const { doc, can, nameOf } = useSession();
  const { isSpotlit, ...frame } = useSpotlightFrame('actionItem', item.id);
  return (
    <li {...frame} className={`rounded-md border border-zinc-300 p-2 ${frame.className} ${item.isDone ? 'opacity-80' : ''}`} aria-current={isSpotlit ? 'true' : undefined}>
      <ItemText value={item.text} label={label} canEdit={can.canEditBoard} className={item.isDone ? 'line-through' : ''} onChange={(v) => setItemText(doc, 'actionItems', item.id, 'text', v)} />
      {can.canEditBoard ? (
        <div className="mt-2 flex flex-wrap items-end gap-2">
          <OwnerSelect side="labor" itemLabel={label} value={item.laborOwner} onChange={(id) => setItemField(doc, 'actionItems', item.id, 'laborOwner', id)} />
          <OwnerSelect side="management" itemLabel={label} value={item.managementOwner} onChange={(id) => setItemField(doc, 'actionItems', item.id, 'managementOwner', id)} />
          <label>
            <span className="field-label">
              {t('due')}
              <span className="sr-only"> ({label})</span>
            </span>
            <input type="date" className="field-input" value={item.due ?? ''} onChange={(e) => setItemField(doc, 'actionItems', item.id, 'due', DATE.test(e.currentTarget.value) ? e.currentTarget.value : null)} />
          </label>
          <label className="flex min-h-[44px] items-center gap-2 font-semibold">
            <input type="checkbox" className="h-5 w-5" checked={item.isDone} onChange={(e) => setItemField(doc, 'actionItems', item.id, 'isDone', e.currentTarget.checked)} />
            {t('done')}
            <span className="sr-only"> ({label})</span>
          </label>
          <SpotlightToggle kind="actionItem" id={item.id} itemLabel={label} />
        </div>
      ) : (
        <p className="mt-1 text-sm">
          {t('summary', { labor: nameOf(item.laborOwner) ?? t('noOwner'), management: nameOf(item.managementOwner) ?? t('noOwner'), due: item.due ?? t('noDue') })}
          {item.isDone && ` · ${t('done')}`}
        </p>
      )}
    </li>
  );
}
