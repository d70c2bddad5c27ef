'use server';

import { CredentialsSignin } from 'next-auth';
import { unstable_rethrow } from 'next/navigation';
import type { AcceptState } from '@/components/auth/accept-invitation-form';
import { isAppError } from '@/domain/errors';
import { signIn } from '@/server/auth/auth';
import { formFields } from '@/server/http/parse-input';
import { acceptInvitation } from '@/server/partnerships/accept-invitation';

export async function acceptInvitationAction(token: string, _prev: AcceptState, form: FormData): Promise<AcceptState> {
  const fields = formFields(form);
  try {
    const accepted = await acceptInvitation({ token, name: fields.name ?? '', password: fields.password ?? '' });
    // Signing in right away lands the person in their new partnership.
    await signIn('credentials', { email: accepted.email, password: fields.password, redirectTo: `/p/${accepted.partnershipId}` });
    return { error: null };
  } catch (err) {
    unstable_rethrow(err);
    if (isAppError(err)) {
      if (err.code === 'bad_request') return { error: err.message === 'existing_password_wrong' || err.message === 'password_too_short' ? err.message : 'name_required' };
      if (err.code === 'invitation_expired' || err.code === 'invitation_used' || err.code === 'invitation_invalid') return { error: err.code };
    }
    if (err instanceof CredentialsSignin) return { error: 'invitation_used' };
    console.error('[invite] unexpected error', err);
    return { error: 'generic' };
  }
}
