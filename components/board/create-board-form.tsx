'use client';

import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { MAX_TITLE } from '../../domain/board/team-board';
import type { Party } from '../../domain/partnership/roles';
import type { FormResult } from '../people/types';

interface Props {
  /** The creator's party: the only one a private board can belong to. */
  party: Party;
  onCreate: (form: FormData) => Promise<FormResult<{ id: string }>>;
}

export function CreateBoardForm({ party, onCreate }: Props) {
  const t = useTranslations('boards');
  const te = useTranslations('errors');
  const tp = useTranslations('parties');
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  return (
    <form
      className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end"
      aria-labelledby="create-board-title"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        setError(null);
        startTransition(async () => {
          // On success the action redirects to the new board.
          const r = await onCreate(data);
          if (!r.ok) setError(te.has(r.error.code) ? te(r.error.code) : te('generic'));
        });
      }}
    >
      <h3 id="create-board-title" className="text-xl font-bold sm:col-span-2">
        {t('createTitle')}
      </h3>
      <div>
        <label htmlFor="board-title" className="field-label">
          {t('titleLabel')}
        </label>
        <input id="board-title" name="title" type="text" required maxLength={MAX_TITLE} className="field-input" autoComplete="off" />
      </div>
      <button type="submit" className="btn-primary" disabled={isPending}>
        {isPending ? t('creating') : t('create')}
      </button>
      <label className="flex min-h-[44px] items-center gap-2 sm:col-span-2">
        <input type="checkbox" name="privateToParty" value={party} className="h-5 w-5" />
        {t('privateLabel', { party: tp(party) })}
      </label>
      <p aria-live="polite" className={error ? 'alert-error sm:col-span-2' : 'sr-only'}>
        {error}
      </p>
    </form>
  );
}
