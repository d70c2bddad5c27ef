import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { AcceptInvitationForm } from '@/components/auth/accept-invitation-form';
import { isAppError } from '@/domain/errors';
import { getInvitationPreview } from '@/server/partnerships/accept-invitation';
import type { InvitationPreview } from '@/server/partnerships/accept-invitation';
import { acceptInvitationAction } from './actions';

export async function generateMetadata() {
  const t = await getTranslations('accept');
  return { title: t('submit') };
}

type Invalid = 'invitation_invalid' | 'invitation_expired' | 'invitation_used';

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations('accept');
  const tp = await getTranslations('parties');
  const tr = await getTranslations('roles');
  let preview: InvitationPreview | null = null;
  let invalid: Invalid | null = null;
  try {
    preview = await getInvitationPreview(token);
  } catch (err) {
    if (isAppError(err) && (err.code === 'invitation_invalid' || err.code === 'invitation_expired' || err.code === 'invitation_used')) invalid = err.code;
    else throw err;
  }
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-4 sm:p-6">
      <p className="mb-2 text-2xl font-black tracking-tight text-blue-800">Accord</p>
      {preview ? (
        <>
          <h1 className="mb-2 text-3xl font-bold">{t('title', { partnership: preview.partnershipName })}</h1>
          <p className="mb-6 text-lg">
            {t('summary', { role: tr(preview.role), party: tp(preview.party), school: preview.schoolName ?? 'none' })}
          </p>
          <div className="card">
            <AcceptInvitationForm
              action={acceptInvitationAction.bind(null, token)}
              email={preview.email}
              defaultName={preview.name ?? ''}
              hasAccount={preview.hasAccount}
            />
          </div>
        </>
      ) : (
        <>
          <h1 className="mb-4 text-3xl font-bold">{t('unusableTitle')}</h1>
          <div className="card">
            <p role="alert" className="alert-error mb-4">
              {t(`errors.${invalid ?? 'invitation_invalid'}`)}
            </p>
            <Link href="/signin" className="btn-secondary">
              {(await getTranslations('signIn'))('submit')}
            </Link>
          </div>
        </>
      )}
    </main>
  );
}
