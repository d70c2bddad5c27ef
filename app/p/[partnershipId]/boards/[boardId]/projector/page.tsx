import { getTranslations } from 'next-intl/server';
import { BoardProjector } from '@/components/board/board-projector';
import { boardDocId } from '@/domain/sync/protocol';
import { requirePageMembership } from '@/server/http/page-guards';
import { boardOr404 } from '../board-or-404';

type Params = Promise<{ partnershipId: string; boardId: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  const { partnershipId, boardId } = await params;
  const { membership } = await requirePageMembership(partnershipId);
  const board = await boardOr404(membership, boardId);
  const t = await getTranslations('board.projector');
  return { title: t('pageTitle', { title: board.title }) };
}

export default async function BoardProjectorPage({ params }: { params: Params }) {
  const { partnershipId, boardId } = await params;
  const { user, membership } = await requirePageMembership(partnershipId);
  const board = await boardOr404(membership, boardId);
  return <BoardProjector key={board.id} docId={boardDocId(board.id)} userId={user.id} initialTitle={board.title} boardHref={`/p/${partnershipId}/boards/${board.id}`} />;
}
