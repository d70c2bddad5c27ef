import { and, eq, isNull, sql } from 'drizzle-orm';
import { preparedPerDb } from '../../db/prepared';
import { boards } from '../../db/schema';
import type { ParsedDocId } from '../../domain/sync/protocol';
import type { DocAccess } from '../../domain/sync/protocol';
import type { Party, Role } from '../../domain/partnership/roles';
import { isAppError } from '../../domain/errors';
import { requireMembership } from '../partnerships/require-membership';
import { isFacilitatorInvitedToCaucus } from '../ibb/caucus';
import { requireParticipant } from '../ibb/require-participant';

export interface DocAccessDecision {
  access: DocAccess | 'none';
  partnershipId: string | null;
  /** Shown to others in presence: taken from the session and membership, never from the client. */
  party: Party | null;
  role: Role | null;
}

const NONE: DocAccessDecision = { access: 'none', partnershipId: null, party: null, role: null };

/** Researchers observe; everyone else in the partnership edits shared boards. */
function accessForRole(role: Role): DocAccess {
  return role === 'researcher' ? 'view' : 'edit';
}

/** Re-read on every socket's access refresh: prepared once. */
const boardQuery = preparedPerDb((db) =>
  db
    .select({ partnershipId: boards.partnershipId, privateToParty: boards.privateToParty, facilitatorsInvited: boards.facilitatorsInvited })
    .from(boards)
    .where(and(eq(boards.id, sql.placeholder('boardId')), isNull(boards.archivedAt)))
    .limit(1)
    .prepare('accord_board_access'),
);

async function boardAccess(userId: string, boardId: string): Promise<DocAccessDecision> {
  const [board] = await boardQuery().execute({ boardId });
  if (!board) return NONE;
  try {
    const m = await requireMembership(userId, board.partnershipId);
    if (board.privateToParty) {
      // A party's private board (its caucus space): its members only; facilitators only when invited.
      const isInvitedFacilitator = m.role === 'facilitator' && board.facilitatorsInvited;
      if (m.party !== board.privateToParty && !isInvitedFacilitator) return NONE;
    }
    return { access: accessForRole(m.role), partnershipId: m.partnershipId, party: m.party, role: m.role };
  } catch (err) {
    if (isAppError(err) && err.code === 'not_found') return NONE;
    throw err;
  }
}

/** The shared IBB board: every session participant; observers watch. */
async function ibbAccess(userId: string, sessionId: string): Promise<DocAccessDecision> {
  try {
    const p = await requireParticipant(userId, sessionId);
    // A locked board is read-only for everyone but the facilitators.
    const isReadOnly = p.role === 'observer' || (p.session.isLocked && p.role !== 'facilitator');
    return { access: isReadOnly ? 'view' : 'edit', partnershipId: p.session.partnershipId, party: p.party, role: p.membership.role };
  } catch (err) {
    if (isAppError(err) && err.code === 'not_found') return NONE;
    throw err;
  }
}

/**
 * A party's caucus board: that party's session participants only; the facilitators only
 * while that party invites them. Nobody else learns it exists.
 */
async function caucusAccess(userId: string, sessionId: string, party: Party): Promise<DocAccessDecision> {
  if (party !== 'labor' && party !== 'management') return NONE;
  try {
    const p = await requireParticipant(userId, sessionId);
    const isOwnParty = p.party === party && p.role !== 'observer';
    const isInvitedFacilitator = p.role === 'facilitator' && (await isFacilitatorInvitedToCaucus(sessionId, party));
    if (!isOwnParty && !isInvitedFacilitator) return NONE;
    return { access: 'edit', partnershipId: p.session.partnershipId, party: p.party, role: p.membership.role };
  } catch (err) {
    if (isAppError(err) && err.code === 'not_found') return NONE;
    throw err;
  }
}

/**
 * Decides a person's access to a doc from relational membership, on join and again on
 * messages (cached briefly by the caller, invalidated by membership changes).
 * Board kinds added later (IBB, caucus, MOU, work plans, meetings) register here.
 */
export async function resolveDocAccess(userId: string, doc: ParsedDocId): Promise<DocAccessDecision> {
  switch (doc.kind) {
    case 'board':
      return boardAccess(userId, doc.id);
    case 'ibb':
      return ibbAccess(userId, doc.id);
    case 'caucus':
      return doc.party ? caucusAccess(userId, doc.id, doc.party) : NONE;
    default:
      return NONE;
  }
}
