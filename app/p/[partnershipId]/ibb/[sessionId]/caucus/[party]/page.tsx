import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { TeamBoard } from '@/components/board/team-board';
import { isBargainingParty } from '@/domain/ibb/session-rules';
import { loadSessionPage } from '../../load-session';

type Params = Promise<{ partnershipId: string; sessionId: string; party: string }>;

/**
 * A party's caucus board: the team-board doc `caucus:<sessionId>:<party>`. Only those the
 * session record lets in (the party's own team; facilitators while invited) get the page;
 * everyone else gets the same 404 as for a session that does not exist.
 */
async function loadCaucus(params: Params) {
  const { partnershipId, sessionId, party } = await params;
  const page = await loadSessionPage(partnershipId, sessionId);
  const docId = `caucus:${page.state.id}:${party}`;
  if (!isBargainingParty(party) || !page.state.myCaucusDocIds.includes(docId)) notFound();
  return { ...page, party, docId, partnershipId };
}

export async function generateMetadata({ params }: { params: Params }) {
  const { party } = await loadCaucus(params);
  const t = await getTranslations('ibbSession.caucus');
  const tp = await getTranslations('parties');
  return { title: t('boardTitle', { party: tp(party) }) };
}

export default async function CaucusPage({ params }: { params: Params }) {
  const { user, membership, state, party, docId, partnershipId } = await loadCaucus(params);
  const t = await getTranslations('ibbSession.caucus');
  const tp = await getTranslations('parties');
  return (
    <>
      <nav aria-label={t('breadcrumb')} className="mx-auto max-w-screen-2xl px-4 pt-4">
        <Link className="font-semibold text-blue-800 underline" href={`/p/${partnershipId}/ibb/${state.id}`}>
          {t('backToTable', { title: state.title })}
        </Link>
      </nav>
      <TeamBoard
        key={docId}
        docId={docId}
        self={{ id: user.id, name: user.name, party: membership.party }}
        initialAccess="edit"
        initialTitle={t('boardTitle', { party: tp(party) })}
        privateToParty={party}
      />
    </>
  );
}
