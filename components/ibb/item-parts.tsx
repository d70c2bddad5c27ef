'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { MAX_ITEM_TEXT } from '../../domain/ibb/ibb-board';
import { CollabTextField } from '../board/collab-text-field';
import { useSession } from './session-context';
import { spotlightKey } from './spotlight';
import type { SpotlightKind } from './spotlight';

/** Marks an item so the spotlight can find, highlight and scroll to it. */
export function useSpotlightFrame(kind: SpotlightKind, id: string): { 'data-spotlight': string; className: string; isSpotlit: boolean } {
  const { state } = useSession();
  const key = spotlightKey(kind, id);
  const isSpotlit = state.spotlight === key;
  return { 'data-spotlight': key, isSpotlit, className: isSpotlit ? 'ring-4 ring-amber-500 ring-offset-2 bg-amber-50' : '' };
}

/** The facilitator's button to put an item in (or take it out of) everyone's spotlight. */
export function SpotlightToggle({ kind, id, itemLabel }: { kind: SpotlightKind; id: string; itemLabel: string }) {
  const t = useTranslations('ibbSession.spotlight');
  const { state, can, actions, run } = useSession();
  if (!can.isFacilitator) return null;
  const key = spotlightKey(kind, id);
  const isOn = state.spotlight === key;
  return (
    <button
      type="button"
      className="btn-secondary min-h-[36px] px-2 py-1 text-sm"
      aria-pressed={isOn}
      aria-label={isOn ? t('removeFrom', { item: itemLabel }) : t('put', { item: itemLabel })}
      onClick={() => void run(() => actions.control({ control: 'spotlight', spotlight: isOn ? null : key }))}
    >
      {isOn ? t('spotlit') : t('button')}
    </button>
  );
}

/** Shared text: editable in place when the person may edit, plain text otherwise. */
export function ItemText({
  value,
  onChange,
  label,
  canEdit,
  isMultiline = false,
  className = '',
}: {
  value: string;
  onChange: (next: string) => void;
  label: string;
  canEdit: boolean;
  isMultiline?: boolean;
  className?: string;
}) {
  if (!canEdit) return <p className={`whitespace-pre-wrap break-words ${className}`}>{value}</p>;
  return (
    <CollabTextField
      value={value}
      onChange={onChange}
      label={label}
      isMultiline={isMultiline}
      isWrapping={!isMultiline}
      maxLength={MAX_ITEM_TEXT}
      className={`block min-h-[44px] w-full rounded-md border border-zinc-400 bg-white px-2 py-1 ${className}`}
    />
  );
}

/** "Added by …" for a named item, when its author's copy has been seen in presence. */
export function AuthorLine({ clientId }: { clientId: number | null }) {
  const t = useTranslations('ibbSession');
  const { authorOf } = useSession();
  const name = authorOf(clientId);
  return name ? <span className="text-sm text-zinc-700">{t('addedBy', { name })}</span> : null;
}

export function PartyBadge({ party, label }: { party: string; label: string }) {
  const tone = party === 'labor' || party === 'management' || party === 'neutral' || party === 'community' ? `party-${party}` : 'party-neutral';
  return <span className={`inline-block rounded px-2 py-0.5 text-sm font-semibold ${tone}`}>{label}</span>;
}

/**
 * A small add form. The submit hands over the form's fields; the text field is cleared
 * and keeps focus, so several items can be added from the keyboard in a row. An `onAdd`
 * that answers false (a refused server call) leaves the text for another try.
 */
export function AddForm({ label, submitLabel, children, onAdd, defaultText = '', isMultiline = false }: {
  label: string;
  submitLabel: string;
  children?: ReactNode;
  onAdd: (text: string, form: FormData) => void | boolean | Promise<void | boolean>;
  defaultText?: string;
  isMultiline?: boolean;
}) {
  const [isBusy, setIsBusy] = useState(false);
  const handleSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const text = String(data.get('text') ?? '').trim();
    if (!text || text === defaultText.trim()) return;
    setIsBusy(true);
    try {
      if ((await onAdd(text, data)) === false) return;
      const field = form.elements.namedItem('text');
      if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
        field.value = defaultText;
        field.focus();
      }
    } finally {
      setIsBusy(false);
    }
  };
  const fieldClass = 'field-input';
  return (
    <form className="mt-2 flex flex-wrap items-end gap-2" onSubmit={(e) => void handleSubmit(e)}>
      <label className="min-w-[12rem] flex-1">
        <span className="field-label">{label}</span>
        {isMultiline ? (
          <textarea name="text" rows={2} maxLength={MAX_ITEM_TEXT} defaultValue={defaultText} className={fieldClass} required />
        ) : (
          <input name="text" type="text" maxLength={MAX_ITEM_TEXT} defaultValue={defaultText} className={fieldClass} autoComplete="off" required />
        )}
      </label>
      {children}
      <button type="submit" className="btn-primary" disabled={isBusy}>
        {submitLabel}
      </button>
    </form>
  );
}

/** A labelled select for an add form or an item. */
export function SelectField<T extends string>({ label, name, value, defaultValue, options, onChange, isLabelHidden = false }: {
  label: string;
  name?: string;
  value?: T;
  defaultValue?: T;
  options: { value: T; label: string }[];
  onChange?: (value: T) => void;
  isLabelHidden?: boolean;
}) {
  return (
    <label>
      <span className={isLabelHidden ? 'sr-only' : 'field-label'}>{label}</span>
      <select
        name={name}
        value={value}
        defaultValue={defaultValue}
        className="field-input"
        onChange={onChange ? (e) => {
          const next = options.find((o) => o.value === e.currentTarget.value);
          if (next) onChange(next.value);
        } : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * A section of the board with its heading and the "current step" mark. A section whose
 * content brings its own visible heading (the records panels) keeps this one for screen
 * readers and the outline only.
 */
export function BoardSection({ id, title, isCurrent, children, intro, isTitleVisible = true }: { id: string; title: string; isCurrent: boolean; children: ReactNode; intro?: string; isTitleVisible?: boolean }) {
  const t = useTranslations('ibbSession');
  const badge = isCurrent && <span className="rounded bg-blue-700 px-2 py-0.5 text-sm font-semibold text-white">{t('currentStep')}</span>;
  return (
    <section id={id} aria-labelledby={`${id}-title`} className={`card scroll-mt-4 ${isCurrent ? 'border-2 border-blue-700' : ''}`}>
      <h2 id={`${id}-title`} className={isTitleVisible ? 'mb-1 flex flex-wrap items-center gap-2 text-2xl font-bold' : 'sr-only'}>
        {title}
        {isTitleVisible && badge}
      </h2>
      {!isTitleVisible && badge && <p className="mb-2">{badge}</p>}
      {intro && <p className="mb-3 text-zinc-700">{intro}</p>}
      {children}
    </section>
  );
}
