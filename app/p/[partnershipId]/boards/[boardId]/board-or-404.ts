import { notFound } from 'next/navigation';
import { isAppError } from '@/domain/errors';
import type { BoardSummary } from '@/server/boards/list-boards';
import { getBoard } from '@/server/boards/list-boards';
import type { Membership } from '@/server/partnerships/require-membership';

/** The board, or Next's 404 — the same for a missing board and another party's private one. */
export async function boardOr404(membership: Membership, boardId: string): Promise<BoardSummary> {
  try {
    return await getBoard(membership, boardId);
  } catch (err) {
    if (isAppError(err) && err.code === 'not_found') notFound();
    throw err;
  }
}
