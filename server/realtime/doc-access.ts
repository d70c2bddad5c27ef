import { z } from 'zod';
import type { PreparedStatement } from '../../db/client';
import { runPrepared } from '../../db/client';
import type { ParsedDocId } from '../../domain/sync/protocol';
import type { DocAccess } from '../../domain/sync/protocol';
import type { Party, Role } from '../../domain/partnership/roles';

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
  return boardDecision(row);
}

/** The rule for a team board, from its row and the person's membership (BOARD_ACCESS's columns). */
function boardDecision(row: Record<string, unknown> | undefined): DocAccessDecision {
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

/**
 * BOARD_ACCESS for many (board, person) pairs at once: one row per pair whose board exists
 * and is not archived, numbered by the pair's position (1-based).
 */
const BOARD_ACCESS_MANY: PreparedStatement = {
  name: 'accord_board_access_many_v1',
  types: ['uuid[]', 'uuid[]'],
  text: `select t.i::int as i, b.partnership_id, b.private_to_party, b.facilitators_invited, m.party, m.role
from unnest($1::uuid[], $2::uuid[]) with ordinality as t(board_id, user_id, i)
join boards b on b.id = t.board_id and b.archived_at is null
left join memberships m on m.partnership_id = b.partnership_id and m.user_id = t.user_id and m.revoked_at is null`,
};

/** Most pairs one statement reads. */
const MAX_PAIRS_PER_READ = 500;

interface PendingRead {
  userId: string;
  doc: ParsedDocId;
  resolve(decision: DocAccessDecision): void;
  reject(err: unknown): void;
}

/**
 * The background re-reads of access decisions (every socket on a board refreshes its
 * decision every 15–22 s, sync-handlers.ts), gathered for `windowMs` and read together:
 * with 200 sockets on boards that was ~14 statements a second on the database thread,
 * now one per window. Only for refreshes ahead of expiry, which may take a moment: joins,
 * expired decisions and membership events read at once through `resolveDocAccess`.
 * Team boards are batched; other doc kinds (IBB and caucus docs, read on every message
 * anyway) are passed straight through. Same rules as `resolveDocAccess`, same answers.
 */
export class DocAccessRefresher {
  private pending: PendingRead[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Statements run, for tests and logs. */
  statements = 0;

  constructor(private readonly windowMs = 250) {}

  resolve(userId: string, doc: ParsedDocId): Promise<DocAccessDecision> {
    if (doc.kind !== 'board') return resolveDocAccess(userId, doc);
    return new Promise((resolve, reject) => {
      this.pending.push({ userId, doc, resolve, reject });
      if (!this.timer) {
        this.timer = setTimeout(() => {
          this.timer = null;
          void this.flush();
        }, this.windowMs);
        // A refresh never keeps a stopping process alive.
        this.timer.unref();
      }
    });
  }

  /** Reads everything queued when the window closes, at most MAX_PAIRS_PER_READ pairs a statement. */
  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const valid: PendingRead[] = [];
      for (const r of this.pending.splice(0, MAX_PAIRS_PER_READ)) {
        // As boardAccess: an id that is not a real uuid names no board and no person.
        if (uuid.safeParse(r.userId).success && uuid.safeParse(r.doc.id).success) valid.push(r);
        else r.resolve(NONE);
      }
      if (valid.length === 0) continue;
      try {
        this.statements++;
        const rows = await runPrepared(BOARD_ACCESS_MANY, [valid.map((r) => r.doc.id), valid.map((r) => r.userId)]);
        const byIndex = new Map(rows.map((row) => [Number(row.i), row]));
        valid.forEach((r, index) => r.resolve(boardDecision(byIndex.get(index + 1))));
      } catch (err) {
        for (const r of valid) r.reject(err);
      }
    }
  }
}

/**
 * A bargaining session, the person's active membership of its partnership, their part in the
 * session and (for a caucus doc, `$3` = its party) whether that party invites the
 * facilitators in: one statement, prepared once. It is read on every message to an IBB or
 * caucus board (a facilitator can lock the board, a party can withdraw its invitation, at
 * any moment), so it is one round trip into the database instead of four queries (~1.3 ms
 * back to back, ~2 ms after a quiet moment, on embedded PGlite). The rules are
 * `requireParticipant`'s and `isFacilitatorInvitedToCaucus`'s: no membership, a revoked
 * one, no participant row, or a participant row of a party the person no longer belongs to
 * (someone who changed sides sits on neither team until added again) or a facilitator's row
 * of someone who is no longer a facilitator is no row.
 */
const SESSION_ACCESS: PreparedStatement = {
  name: 'accord_ibb_access_v3',
  types: ['uuid', 'uuid', 'text'],
  text: `select s.partnership_id, s.is_locked, p.party, p.role as session_role, m.role as member_role,
  exists (select 1 from ibb_caucus_invites i where i.session_id = s.id and i.party::text = $3 and i.withdrawn_at is null) as is_invited
from ibb_sessions s
join memberships m on m.partnership_id = s.partnership_id and m.user_id = $2 and m.revoked_at is null
join ibb_participants p on p.session_id = s.id and p.user_id = $2 and p.party = m.party
  and (p.role <> 'facilitator' or m.role = 'facilitator')
where s.id = $1
limit 1`,
};

async function sessionAccessRow(userId: string, sessionId: string, caucusParty: 'labor' | 'management' | null): Promise<Record<string, unknown> | null> {
  if (!uuid.safeParse(sessionId).success || !uuid.safeParse(userId).success) return null;
  // The party travels as a literal-safe word ('' for the shared board: no invitation applies).
  const [row] = await runPrepared(SESSION_ACCESS, [sessionId, userId, caucusParty ?? '']);
  return row && typeof row.partnership_id === 'string' ? row : null;
}

/** The shared IBB board: every session participant; observers watch. */
async function ibbAccess(userId: string, sessionId: string): Promise<DocAccessDecision> {
  const row = await sessionAccessRow(userId, sessionId, null);
  if (!row) return NONE;
  const role = row.session_role as string;
  // A locked board is read-only for everyone but the facilitators.
  const isReadOnly = role === 'observer' || (row.is_locked === true && role !== 'facilitator');
  return { access: isReadOnly ? 'view' : 'edit', partnershipId: row.partnership_id as string, party: row.party as Party, role: row.member_role as Role };
}

/**
 * A party's caucus board: that party's session participants only; the facilitators only
 * while that party invites them. Nobody else learns it exists.
 */
async function caucusAccess(userId: string, sessionId: string, party: Party): Promise<DocAccessDecision> {
  if (party !== 'labor' && party !== 'management') return NONE;
  const row = await sessionAccessRow(userId, sessionId, party);
  if (!row) return NONE;
  const role = row.session_role as string;
  const isOwnParty = row.party === party && role !== 'observer';
  const isInvitedFacilitator = role === 'facilitator' && row.is_invited === true;
  if (!isOwnParty && !isInvitedFacilitator) return NONE;
  return { access: 'edit', partnershipId: row.partnership_id as string, party: row.party as Party, role: row.member_role as Role };
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
