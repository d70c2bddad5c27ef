import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { preparedPerDb } from '../../db/prepared';
import { ibbParticipants, ibbSessions } from '../../db/schema';
import { AppError, isAppError } from '../../domain/errors';
import type { SessionRole } from '../../domain/ibb/session-rules';
import type { Party } from '../../domain/partnership/roles';
import type { Membership } from '../partnerships/require-membership';
import { requireMembership } from '../partnerships/require-membership';

export type IbbSession = typeof ibbSessions.$inferSelect;

export interface Participant {
  session: IbbSession;
  membership: Membership;
  party: Party;
  role: SessionRole;
  isSigner: boolean;
}

const uuid = z.string().uuid();

// Read on every session page and action: prepared once. (A socket's access to the IBB and
// caucus boards, re-read on every message, is one statement: server/realtime/doc-access.ts.)
const sessionQuery = preparedPerDb((db) =>
  db.select().from(ibbSessions).where(eq(ibbSessions.id, sql.placeholder('sessionId'))).limit(1).prepare('accord_ibb_session'),
);
const participantQuery = preparedPerDb((db) =>
  db
    .select()
    .from(ibbParticipants)
    .where(and(eq(ibbParticipants.sessionId, sql.placeholder('sessionId')), eq(ibbParticipants.userId, sql.placeholder('userId'))))
    .limit(1)
    .prepare('accord_ibb_participant'),
);

async function loadSession(sessionId: string): Promise<IbbSession> {
  if (!uuid.safeParse(sessionId).success) throw new AppError('not_found', 'Session not found');
  const [session] = await sessionQuery().execute({ sessionId });
  if (!session) throw new AppError('not_found', 'Session not found');
  return session;
}

/**
 * The caller's part in a bargaining session: an active member of the partnership who is a
 * participant of the session. Anything else is not_found (a session's existence is private).
 */
export async function requireParticipant(userId: string, sessionId: string): Promise<Participant> {
  const session = await loadSession(sessionId);
  let membership: Membership;
  try {
    membership = await requireMembership(userId, session.partnershipId);
  } catch (err) {
    // The same answer as for a session that does not exist.
    if (isAppError(err) && err.code === 'not_found') throw new AppError('not_found', 'Session not found');
    throw err;
  }
  const [p] = await participantQuery().execute({ sessionId: session.id, userId });
  // A person who changed sides since the session was set up sits on neither team (their old
  // party's caucus above all), and a facilitator who no longer is one holds no session
  // powers, until a facilitator adds them again: the realtime check's rule too
  // (server/realtime/doc-access.ts).
  if (!p || !stillHolds(p, membership)) throw new AppError('not_found', 'Session not found');
  return { session, membership, party: p.party, role: p.role, isSigner: p.isSigner };
}

/**
 * A participant row counts only while the person still is what it was made for: a member of
 * that party and, for a facilitator's row, a facilitator.
 */
export function stillHolds(p: { party: Party; role: SessionRole }, membership: { party: Party; role: string }): boolean {
  return p.party === membership.party && (p.role !== 'facilitator' || membership.role === 'facilitator');
}

export function assertFacilitator(p: Participant): void {
  if (p.role !== 'facilitator') throw new AppError('forbidden', 'Only the session’s facilitators can do that');
}
