import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { boards, docUpdates } from '../../db/schema';
import { AppError } from '../../domain/errors';
import { initBoard } from '../../domain/board/team-board';
import { PARTIES, canEditBoards } from '../../domain/partnership/roles';
import { SERVER_CLIENT_ID, boardDocId } from '../../domain/sync/protocol';
import { recordAudit } from '../audit/record-audit';
import { requireMembership } from '../partnerships/require-membership';

export const createBoardInput = z.object({
  title: z.string().trim().min(1).max(200),
  /** Set to make the board private to the creator's own party (a caucus space). */
  privateToParty: z.enum(PARTIES).nullable().default(null),
  columns: z.array(z.string().trim().min(1).max(200)).max(12).default(['Ideas', 'Questions', 'Next steps']),
});
export type CreateBoardInput = z.input<typeof createBoardInput>;

/**
 * Creates a board and its initial document (title and columns) in one transaction. The
 * initial content is written by the server (no clientID binding), so it has no author.
 */
export async function createBoard(actorId: string, partnershipId: string, input: CreateBoardInput): Promise<{ id: string }> {
  const m = await requireMembership(actorId, partnershipId);
  const parsed = createBoardInput.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]?.message ?? 'Invalid board');
  const data = parsed.data;
  if (!canEditBoards(m.role)) throw new AppError('forbidden', 'Researchers observe boards; they do not create them');
  if (data.privateToParty && data.privateToParty !== m.party) {
    throw new AppError('forbidden', 'A private board can only belong to your own party');
  }
  const doc = new Y.Doc();
  doc.clientID = SERVER_CLIENT_ID;
  initBoard(doc, data.title, data.columns, randomUUID);
  const state = Y.encodeStateAsUpdate(doc);
  return getDb().transaction(async (tx) => {
    const [b] = await tx
      .insert(boards)
      .values({ partnershipId, title: data.title, privateToParty: data.privateToParty, createdBy: actorId })
      .returning({ id: boards.id });
    if (!b) throw new Error('insert returned no board');
    await tx.insert(docUpdates).values({ docId: boardDocId(b.id), update: state, actorId: null });
    await recordAudit(tx, { partnershipId, actorId, action: 'board.created', targetType: 'board', targetId: b.id, detail: { private: data.privateToParty } });
    return { id: b.id };
  });
}
