'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';

export type AcceptError =
  | 'invitation_invalid'
  | 'invitation_expired'
  | 'invitation_used'
  | 'password_too_short'
  | 'name_required'
  | 'existing_password_wrong'
  | 'generic';
export interface AcceptState {
  error: AcceptError | null;
}

interface Props {
  action: (prev: AcceptState, form: FormData) => Promise<AcceptState>;
  email: string;
  defaultName: string;
  hasAccount: boolean;
}

export function AcceptInvitationForm({ action, email, defaultName, hasAccount }: Props) {
  const t = useTranslations('accept');
  const te = useTranslations('errors');
  const [state, formAction, isPending] = useActionState(action, { error: null });
  const message = state.error === 'generic' ? te('generic') : state.error ? t(`errors.${state.error}`) : null;
  return (
    <form action={formAction} className="space-y-4">
      {message && (
        <p role="alert" className="alert-error">
          {message}
        </p>
      )}
      <div>
        <label htmlFor="accept-email" className="field-label">
          {t('email')}
        </label>
        <input id="accept-email" type="email" value={email} readOnly className="field-input bg-zinc-100" autoComplete="username" />
      </div>
      <div>
        <label htmlFor="accept-name" className="field-label">
          {t('name')}
        </label>
        <input id="accept-name" name="name" type="text" required defaultValue={defaultName} className="field-input" autoComplete="name" />
      </div>
      {hasAccount && <p className="text-zinc-800">{t('existingHint')}</p>}
      <div>
        <label htmlFor="accept-password" className="field-label">
          {hasAccount ? t('existingPassword') : t('password')}
        </label>
        <input
          id="accept-password"
          name="password"
          type="password"
          required
          minLength={hasAccount ? 1 : 10}
          className="field-input"
          autoComplete={hasAccount ? 'current-password' : 'new-password'}
        />
      </div>
      <button type="submit" className="btn-primary w-full" disabled={isPending}>
        {isPending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
