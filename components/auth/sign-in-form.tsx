'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';

export type SignInError = 'invalid_credentials' | 'rate_limited' | 'sso_unknown' | 'generic';
export interface SignInState {
  error: SignInError | null;
}

interface Props {
  action: (prev: SignInState, form: FormData) => Promise<SignInState>;
  next: string;
  initialError: SignInError | null;
}

export function SignInForm({ action, next, initialError }: Props) {
  const t = useTranslations('signIn');
  const [state, formAction, isPending] = useActionState(action, { error: initialError });
  return (
    <form action={formAction} className="space-y-4" noValidate={false}>
      <input type="hidden" name="next" value={next} />
      {state.error && (
        <p role="alert" className="alert-error" id="signin-error">
          {t(`errors.${state.error}`)}
        </p>
      )}
      <div>
        <label htmlFor="email" className="field-label">
          {t('email')}
        </label>
        <input id="email" name="email" type="email" autoComplete="email" required className="field-input" aria-describedby={state.error ? 'signin-error' : undefined} />
      </div>
      <div>
        <label htmlFor="password" className="field-label">
          {t('password')}
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="field-input" />
      </div>
      <button type="submit" className="btn-primary w-full" disabled={isPending}>
        {isPending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
