import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { NewSessionForm } from '@/components/ibb/new-session-form';
import { requirePageMembership } from '@/server/http/page-guards';
import { listMembers } from '@/server/partnerships/list-members';
import { createSessionAction } from './actions';

/** The most people the form lists; listMembers returns at most this many at once. */
const MEMBER_LIMIT = 200;

export async function generateMetadata() {
  const t = await getTranslations('ibbNew');
  return { title: t('pageTitle') };
}

export default async function NewSessionPage({ params }: { params: Promise<{ partnershipId: string }> }) {
  const { partnershipId } = await params;
  const { user, membership } = await requirePageMembership(partnershipId);
  const t = await getTranslations('ibbNew');
  if (!membership.canManagePeople) {
    return (
      <main id="main" className="mx-auto max-w-3xl space-y-4 p-4">
        <h1 className="text-3xl font-bold">{t('pageTitle')}</h1>
        <p className="text-lg">{t('onlyManagers')}</p>
        <Link className="font-semibold text-blue-800 underline" href={`/p/${partnershipId}`}>
          {t('back')}
        </Link>
      </main>
    );
  }
  const { rows, total } = await listMembers(membership, { limit: MEMBER_LIMIT });
  const members = rows.map((m) => ({ userId: m.userId, name: m.name, party: m.party, role: m.role }));
  return (
    <main id="main" className="mx-auto max-w-4xl space-y-4 p-4">
      <h1 className="text-3xl font-bold">{t('pageTitle')}</h1>
      <p className="text-lg text-zinc-800">{t('intro')}</p>
      <NewSessionForm members={members} hiddenCount={Math.max(0, total - rows.length)} selfId={user.id} onCreate={createSessionAction.bind(null, partnershipId)} />
    </main>
  );
}
