import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { ibbHands, ibbParticipants, ibbSessions, ibbSpeakingTurns, users } from '../../db/schema';
import type { IbbPhase } from '../../domain/ibb/session-rules';
import type { SessionState } from '../../domain/ibb/views';
import { requireMembership } from '../partnerships/require-membership';
import { activeCaucuses, isFacilitatorInvitedToCaucus } from './caucus';
import { listConsensusChecks } from './consensus-checks';
import { listCommuniques } from './communique';
import { listEvaluations } from './evaluations';
import { requireParticipant, stillHolds } from './require-participant';

export type { SessionState };
import { listTentativeAgreements } from './tentative-agreements';


/** Everything a session screen shows besides the board doc, for one participant. */
export async function getSessionState(actorId: string, sessionId: string): Promise<SessionState> {
  const p = await requireParticipant(actorId, sessionId);
  const db = getDb();
  const s = p.session;
  // Everything below depends only on the session: read it concurrently (one round trip's
  // wait instead of a dozen in a row; each list checks the participant itself).
  const invitedTo = (party: 'labor' | 'management') =>
    p.role === 'facilitator' || p.party === party ? isFacilitatorInvitedToCaucus(sessionId, party) : Promise.resolve(false);
  const [parts, hands, turns, checks, caucuses, isLaborInviting, isManagementInviting, agreements, evaluations, communiques] = await Promise.all([
    db
      .select({ userId: ibbParticipants.userId, name: users.name, party: ibbParticipants.party, role: ibbParticipants.role, isSigner: ibbParticipants.isSigner, isLead: ibbParticipants.isLead })
      .from(ibbParticipants)
      .innerJoin(users, eq(users.id, ibbParticipants.userId))
      .where(eq(ibbParticipants.sessionId, sessionId))
      .orderBy(asc(users.name)),
    db.select().from(ibbHands).where(and(eq(ibbHands.sessionId, sessionId), isNull(ibbHands.loweredAt))).orderBy(asc(ibbHands.raisedAt)),
    db.select().from(ibbSpeakingTurns).where(eq(ibbSpeakingTurns.sessionId, sessionId)),
    listConsensusChecks(actorId, sessionId),
    activeCaucuses(actorId, sessionId),
    invitedTo('labor'),
    invitedTo('management'),
    listTentativeAgreements(actorId, sessionId),
    listEvaluations(actorId, sessionId),
    listCommuniques(actorId, sessionId),
  ]);
  const isInviting = { labor: isLaborInviting, management: isManagementInviting };
  const now = Date.now();
  const byPerson: Record<string, number> = {};
  const byParty: Record<string, number> = {};
  let speaker: SessionState['speaker'] = null;
  for (const t of turns) {
    const seconds = Math.round(((t.endedAt?.getTime() ?? now) - t.startedAt.getTime()) / 1000);
    byPerson[t.userId] = (byPerson[t.userId] ?? 0) + seconds;
    byParty[t.party] = (byParty[t.party] ?? 0) + seconds;
    if (!t.endedAt) speaker = { userId: t.userId, since: t.startedAt.toISOString() };
  }
  const me = parts.find((x) => x.userId === actorId);
  const caucusDocIds: string[] = [];
  for (const party of ['labor', 'management'] as const) {
    const isOwn = p.party === party && p.role !== 'observer';
    if (isOwn || (p.role === 'facilitator' && isInviting[party])) caucusDocIds.push(`caucus:${sessionId}:${party}`);
  }
  return {
    id: s.id,
    partnershipId: s.partnershipId,
    title: s.title,
    startsOn: s.startsOn,
    endsOn: s.endsOn,
    impasseProcedure: s.impasseProcedure,
    consensusThreshold: s.consensusThreshold,
    quorum: { labor: s.laborQuorum, management: s.managementQuorum },
    phase: s.phase,
    isLocked: s.isLocked,
    anonymity: s.anonymity,
    spotlight: s.spotlight,
    timer: { endsAt: s.timerEndsAt?.toISOString() ?? null, remainingMs: s.timerRemainingMs },
    me: {
      userId: actorId,
      party: p.party,
      role: p.role,
      isSigner: p.isSigner,
      isLead: me?.isLead ?? false,
      canInitial: (p.party === 'labor' || p.party === 'management') && (p.role === 'chief_spokesperson' || p.isSigner),
    },
    participants: parts,
    caucuses: caucuses.map((c) => ({ party: c.party, until: c.until.toISOString() })),
    myCaucusDocIds: caucusDocIds,
    isFacilitatorInvitedToMyCaucus: p.party === 'labor' || p.party === 'management' ? isInviting[p.party] : false,
    queue: hands.map((h) => ({ userId: h.userId, raisedAt: h.raisedAt.toISOString() })),
    speaker,
    balance: { byPerson, byParty },
    checks,
    agreements,
    evaluations,
    communiques,
  };
}

export interface SessionSummary {
  id: string;
  title: string;
  phase: IbbPhase;
  startsOn: string | null;
}

/** Sessions of a partnership that the viewer takes part in (a session's existence is private to it). */
export async function listMySessions(actorId: string, partnershipId: string): Promise<SessionSummary[]> {
  const membership = await requireMembership(actorId, partnershipId);
  // Only sessions where the person still is what they were added as (requireParticipant).
  const rows = await getDb()
    .select({ sessionId: ibbParticipants.sessionId, party: ibbParticipants.party, role: ibbParticipants.role })
    .from(ibbParticipants)
    .where(eq(ibbParticipants.userId, actorId));
  const mine = rows.filter((r) => stillHolds(r, membership));
  if (mine.length === 0) return [];
  return getDb()
    .select({ id: ibbSessions.id, title: ibbSessions.title, phase: ibbSessions.phase, startsOn: ibbSessions.startsOn })
    .from(ibbSessions)
    .where(and(eq(ibbSessions.partnershipId, partnershipId), inArray(ibbSessions.id, mine.map((m) => m.sessionId))))
    .orderBy(desc(ibbSessions.createdAt));
}
