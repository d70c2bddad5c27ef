'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import type { CheckView } from '../../../domain/ibb/views';
import { scaleOf, useAnswerLabel } from './consensus-chart';

/**
 * One person's private answer: pick a value, add a concern when it is below the
 * threshold, send once. Nobody else sees the value until the facilitator reveals.
 */
export function CheckAnswerForm({ check, isPending, onSubmit }: { check: CheckView; isPending: boolean; onSubmit: (value: number, concern: string | undefined) => void }) {
  const t = useTranslations('ibbRecords.consensus');
  const label = useAnswerLabel();
  const id = useId();
  const [value, setValue] = useState<number | null>(null);
  const [concern, setConcern] = useState('');
  const isBelow = value !== null && value < check.threshold;
  return (
    <form
      className="grid gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (value === null) return;
        onSubmit(value, isBelow && concern.trim() ? concern.trim() : undefined);
      }}
    >
      <fieldset>
        <legend className="field-label">{check.kind === 'thumbs' ? t('yourThumb') : t('yourFist')}</legend>
        {check.kind === 'fist_to_five' ? <p className="mb-2 text-sm text-zinc-700">{t('fistHint')}</p> : null}
        <div className="flex flex-wrap gap-2">
          {[...scaleOf(check.kind)].reverse().map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={value === v}
              className={value === v ? 'btn-primary min-w-[44px]' : 'btn-secondary min-w-[44px]'}
              onClick={() => setValue(v)}
            >
              {label(check.kind, v)}
            </button>
          ))}
        </div>
      </fieldset>
      {isBelow ? (
        <div>
          <label className="field-label" htmlFor={`${id}-concern`}>
            {t('concernLabel', { threshold: check.threshold })}
          </label>
          <textarea id={`${id}-concern`} className="field-input" rows={2} maxLength={2000} value={concern} onChange={(e) => setConcern(e.target.value)} />
          <p className="mt-1 text-sm text-zinc-700">{t('concernHint')}</p>
        </div>
      ) : null}
      <div>
        <button type="submit" className="btn-primary" disabled={isPending || value === null}>
          {value === null ? t('submit') : t('submitValue', { value: label(check.kind, value) })}
        </button>
      </div>
    </form>
  );
}
