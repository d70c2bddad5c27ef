import { TeamBoard } from '@/components/board/team-board';
import { canEditBoards } from '@/domain/partnership/roles';
import { boardDocId } from '@/domain/sync/protocol';
import { requirePageMembership } from '@/server/http/page-guards';
import { boardOr404 } from './board-or-404';

type Params = Promise<{ partnershipId: string; boardId: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  const { partnershipId, boardId } = await params;
  const { membership } = await requirePageMembership(partnershipId);
  const board = await boardOr404(membership, boardId);
  return { title: board.title };
}

export default async function BoardPage({ params }: { params: Params }) {
  const { partnershipId, boardId } = await params;
  const { user, membership } = await requirePageMembership(partnershipId);
  const board = await boardOr404(membership, boardId);
  return (
    <TeamBoard
      // A new board id is a new doc: remount rather than reuse the previous board's state.
      key={board.id}
      docId={boardDocId(board.id)}
      self={{ id: user.id, name: user.name, party: membership.party }}
      initialAccess={canEditBoards(membership.role) ? 'edit' : 'view'}
      initialTitle={board.title}
      privateToParty={board.privateToParty}
      exportHref={`/api/boards/${board.id}/export`}
      projectorHref={`/p/${partnershipId}/boards/${board.id}/projector`}
    />
  );
}
