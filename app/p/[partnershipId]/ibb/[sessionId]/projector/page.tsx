import { getTranslations } from 'next-intl/server';
import { ProjectorView } from '@/components/ibb/projector-view';
import { getSessionStateAction } from '../actions';
import { loadSessionPage } from '../load-session';

type Params = Promise<{ partnershipId: string; sessionId: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  const { partnershipId, sessionId } = await params;
  const { state } = await loadSessionPage(partnershipId, sessionId);
  const t = await getTranslations('ibbSession.projector');
  return { title: t('pageTitle', { title: state.title }) };
}

export default async function ProjectorPage({ params }: { params: Params }) {
  const { partnershipId, sessionId } = await params;
  const { user, state, serverNow } = await loadSessionPage(partnershipId, sessionId);
  return <ProjectorView key={state.id} partnershipId={partnershipId} userId={user.id} initial={{ state, serverNow }} load={getSessionStateAction.bind(null, sessionId)} />;
}
