import { z } from 'zod';
import type { PreparedStatement } from '../../db/client';
import { runPrepared } from '../../db/client';
import type { ParsedDocId } from '../../domain/sync/protocol';
import type { DocAccess } from '../../domain/sync/protocol';
import type { Party, Role } from '../../domain/partnership/roles';
import { isAppError } from '../../domain/errors';
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

/**
 * A board and the person's active membership of its partnership, in one statement. Every
 * socket on a board re-reads this every 15–22 s, and every join reads it: prepared once and
 * planned once (on embedded PGlite one round trip into the database, where two drizzle
 * queries took twelve and planned both every time). Same rule as `requireMembership`:
 * a revoked membership is no membership.
 */
const BOARD_ACCESS: PreparedStatement = {
  name: 'accord_board_access_v2',
  types: ['uuid', 'uuid'],
  text: `select b.partnership_id, b.private_to_party, b.facilitators_invited, m.party, m.role
from boards b
left join memberships m on m.partnership_id = b.partnership_id and m.user_id = $2 and m.revoked_at is null
where b.id = $1 and b.archived_at is null
limit 1`,
};

const uuid = z.string().uuid();

async function boardAccess(userId: string, boardId: string): Promise<DocAccessDecision> {
  // A doc id's shape is checked by parseDocId; a value that is not a real uuid names no board.
  if (!uuid.safeParse(boardId).success || !uuid.safeParse(userId).success) return NONE;
  const [row] = await runPrepared(BOARD_ACCESS, [boardId, userId]);
  if (!row || typeof row.partnership_id !== 'string') return NONE;
  const party = row.party as Party | null;
  const role = row.role as Role | null;
  if (!party || !role) return NONE; // not a member (or revoked)
  const privateToParty = row.private_to_party as Party | null;
  if (privateToParty) {
    // A party's private board (its caucus space): its members only; facilitators only when invited.
    const isInvitedFacilitator = role === 'facilitator' && row.facilitators_invited === true;
    if (party !== privateToParty && !isInvitedFacilitator) return NONE;
  }
  return { access: accessForRole(role), partnershipId: row.partnership_id, party, role };
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
