'use client';

import { useTranslations } from 'next-intl';
import { useRef, useState, useTransition } from 'react';
import { MembershipFields } from './membership-fields';
import type { FormResult, SchoolOption } from './types';

interface Props {
  schools: SchoolOption[];
  onInvite: (form: FormData) => Promise<FormResult<{ url: string; email: string }>>;
}

export function InviteForm({ schools, onInvite }: Props) {
  const t = useTranslations('invite');
  const te = useTranslations('errors');
  const formRef = useRef<HTMLFormElement>(null);
  const [result, setResult] = useState<FormResult<{ url: string; email: string }> | null>(null);
  const [isCopied, setIsCopied] = useState(false);
  const [isPending, startTransition] = useTransition();

  return (
    <section aria-labelledby="invite-title" className="card">
      <h2 id="invite-title" className="mb-3 text-xl font-bold">
        {t('title')}
      </h2>
      <form
        ref={formRef}
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          setIsCopied(false);
          startTransition(async () => {
            const r = await onInvite(data);
            setResult(r);
            if (r.ok) formRef.current?.reset();
          });
        }}
      >
        <div>
          <label htmlFor="invite-email" className="field-label">
            {t('email')}
          </label>
          <input id="invite-email" name="email" type="email" required className="field-input" autoComplete="off" />
        </div>
        <div>
          <label htmlFor="invite-name" className="field-label">
            {t('name')}
          </label>
          <input id="invite-name" name="name" type="text" className="field-input" autoComplete="off" />
        </div>
        <MembershipFields idPrefix="invite" schools={schools} />
        <div className="flex items-end">
          <button type="submit" className="btn-primary w-full" disabled={isPending}>
            {t('submit')}
          </button>
        </div>
      </form>
      <div aria-live="polite" className="mt-3">
        {result && !result.ok && (
          <p role="alert" className="alert-error">
            {te.has(result.error.code) ? te(result.error.code) : te('generic')} {result.error.code === 'bad_request' ? result.error.message : ''}
          </p>
        )}
        {result?.ok && (
          <div className="alert-ok">
            <p className="mb-2">{t('created', { email: result.data.email })}</p>
            <div className="flex flex-wrap items-center gap-2">
              <input readOnly value={result.data.url} aria-label={t('copy')} className="field-input flex-1 font-mono text-sm" data-testid="invitation-url" onFocus={(e) => e.currentTarget.select()} />
              <button
                type="button"
                className="btn-secondary"
                onClick={async () => {
                  await navigator.clipboard?.writeText(result.data.url);
                  setIsCopied(true);
                }}
              >
                {isCopied ? t('copied') : t('copy')}
              </button>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
