import { and, desc, eq, isNull, or } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { boards } from '../../db/schema';
import { AppError } from '../../domain/errors';
import type { Party } from '../../domain/partnership/roles';
import type { Membership } from '../partnerships/require-membership';

export interface BoardSummary {
  id: string;
  title: string;
  privateToParty: Party | null;
  createdAt: Date;
}

/** Shared boards plus the viewer's own party's private boards; never another party's. */
export async function listBoards(viewer: Membership): Promise<BoardSummary[]> {
  const visible =
    viewer.role === 'facilitator'
      ? or(isNull(boards.privateToParty), eq(boards.privateToParty, viewer.party), eq(boards.facilitatorsInvited, true))
      : or(isNull(boards.privateToParty), eq(boards.privateToParty, viewer.party));
  return getDb()
    .select({ id: boards.id, title: boards.title, privateToParty: boards.privateToParty, createdAt: boards.createdAt })
    .from(boards)
    .where(and(eq(boards.partnershipId, viewer.partnershipId), isNull(boards.archivedAt), visible))
    .orderBy(desc(boards.createdAt));
}

/** One board the viewer may open, or not_found (same answer for missing and private). */
export async function getBoard(viewer: Membership, boardId: string): Promise<BoardSummary> {
  const list = await listBoards(viewer);
  const board = list.find((b) => b.id === boardId);
  if (!board) throw new AppError('not_found', 'Board not found');
  return board;
}
