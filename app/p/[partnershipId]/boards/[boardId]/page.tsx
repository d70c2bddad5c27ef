import { notFound } from 'next/navigation';
import { TeamBoard } from '@/components/board/team-board';
import { isAppError } from '@/domain/errors';
import { canEditBoards } from '@/domain/partnership/roles';
import { boardDocId } from '@/domain/sync/protocol';
import type { BoardSummary } from '@/server/boards/list-boards';
import { getBoard } from '@/server/boards/list-boards';
import type { Membership } from '@/server/partnerships/require-membership';
import { requirePageMembership } from '@/server/http/page-guards';

type Params = Promise<{ partnershipId: string; boardId: string }>;

/** The board, or Next's 404 — the same for a missing board and another party's private one. */
async function boardOr404(membership: Membership, boardId: string): Promise<BoardSummary> {
  try {
    return await getBoard(membership, boardId);
  } catch (err) {
    if (isAppError(err) && err.code === 'not_found') notFound();
    throw err;
  }
}

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
    />
  );
}
