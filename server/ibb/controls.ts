import { and, asc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { ibbCaucusCalls, ibbHands, ibbParticipants, ibbSessions, ibbSpeakingTurns } from '../../db/schema';
import { AppError } from '../../domain/errors';
import { IBB_PHASES } from '../../domain/ibb/session-rules';
import { recordAudit } from '../audit/record-audit';
import { emitEvent } from '../events';
import { notifyRecords } from '../realtime/write-doc';
import type { Participant } from './require-participant';
import { assertFacilitator, requireParticipant } from './require-participant';

/**
 * Facilitator controls and the speaking queue. Every change is a record, announced to
 * the session's board room so every screen (and the projector view) refetches at once.
 */
export function ibbDocId(sessionId: string): string {
  return `ibb:${sessionId}`;
}

async function facilitatorChange(actorId: string, sessionId: string, action: string, patch: Partial<typeof ibbSessions.$inferInsert>, detail: Record<string, unknown> = {}): Promise<void> {
  const p = await requireParticipant(actorId, sessionId);
  assertFacilitator(p);
  // A facilitator who sets the clock (or moves to a new phase) takes it back from a caucus.
  const clock = action === 'timer' || action === 'phase' ? { isTimerPausedByCaucus: false } : {};
  await getDb().transaction(async (tx) => {
    await tx.update(ibbSessions).set({ ...patch, ...clock }).where(eq(ibbSessions.id, sessionId));
    await recordAudit(tx, { partnershipId: p.session.partnershipId, actorId, action: `ibb.control.${action}`, targetType: 'ibb_session', targetId: sessionId, detail });
  });
  notifyRecords(ibbDocId(sessionId), action);
  // Locking turns everyone but the facilitators view-only on the session's docs: their
  // screens hear it now (doc:access), not at their sockets' next re-check.
  if (action === 'lock') emitEvent('docs:access-changed', { id: sessionId });
}

const controlInput = z.discriminatedUnion('control', [
  z.object({ control: z.literal('phase'), phase: z.enum(IBB_PHASES) }),
  z.object({ control: z.literal('lock'), isLocked: z.boolean() }),
  z.object({ control: z.literal('anonymity'), anonymity: z.enum(['named', 'party', 'anonymous']) }),
  z.object({ control: z.literal('spotlight'), spotlight: z.string().max(200).nullable() }),
  z.object({ control: z.literal('timer_start'), minutes: z.number().min(0.1).max(240) }),
  z.object({ control: z.literal('timer_pause') }),
  z.object({ control: z.literal('timer_resume') }),
  z.object({ control: z.literal('timer_clear') }),
]);
export type ControlInput = z.input<typeof controlInput>;

export async function applyControl(actorId: string, sessionId: string, input: ControlInput): Promise<void> {
  const parsed = controlInput.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]?.message ?? 'Invalid control');
  const c = parsed.data;
  switch (c.control) {
    case 'phase':
      // A new phase starts without a running timer.
      return facilitatorChange(actorId, sessionId, 'phase', { phase: c.phase, timerEndsAt: null, timerRemainingMs: null, spotlight: null }, { phase: c.phase });
    case 'lock':
      return facilitatorChange(actorId, sessionId, 'lock', { isLocked: c.isLocked }, { isLocked: c.isLocked });
    case 'anonymity':
      return facilitatorChange(actorId, sessionId, 'anonymity', { anonymity: c.anonymity }, { anonymity: c.anonymity });
    case 'spotlight':
      return facilitatorChange(actorId, sessionId, 'spotlight', { spotlight: c.spotlight });
    case 'timer_start':
      return facilitatorChange(actorId, sessionId, 'timer', { timerEndsAt: new Date(Date.now() + c.minutes * 60_000), timerRemainingMs: null });
    case 'timer_pause': {
      const p = await requireParticipant(actorId, sessionId);
      const remaining = p.session.timerEndsAt ? Math.max(0, p.session.timerEndsAt.getTime() - Date.now()) : null;
      return facilitatorChange(actorId, sessionId, 'timer', { timerEndsAt: null, timerRemainingMs: remaining });
    }
    case 'timer_resume': {
      const p = await requireParticipant(actorId, sessionId);
      if (p.session.timerRemainingMs === null) throw new AppError('conflict', 'No paused timer');
      return facilitatorChange(actorId, sessionId, 'timer', { timerEndsAt: new Date(Date.now() + p.session.timerRemainingMs), timerRemainingMs: null });
    }
    case 'timer_clear':
      return facilitatorChange(actorId, sessionId, 'timer', { timerEndsAt: null, timerRemainingMs: null });
  }
}

/**
 * Pauses a running shared timer when a party calls a caucus, marked as the caucus's pause
 * so that it resumes when the last caucus ends (resumeTimerAfterCaucus). A timer the
 * facilitator had paused stays theirs. Any facilitator timer or phase change takes the
 * clock back (the mark is cleared).
 */
export async function pauseTimerFor(p: Participant): Promise<void> {
  if (!p.session.timerEndsAt) return;
  const remaining = Math.max(0, p.session.timerEndsAt.getTime() - Date.now());
  await getDb()
    .update(ibbSessions)
    .set({ timerEndsAt: null, timerRemainingMs: remaining, isTimerPausedByCaucus: true })
    .where(and(eq(ibbSessions.id, p.session.id), isNotNull(ibbSessions.timerEndsAt)));
}

/**
 * Once no caucus is on any more, restarts the timer a caucus paused with the time it had
 * left, counted from the moment the last caucus ended: now when someone ends it, or its
 * announced end when it simply ran out (found by the caucus-expiry sweep, possibly later).
 * At most one caller resumes it (the mark is cleared in the same statement), so several
 * nodes sweeping at once are harmless.
 */
export async function resumeTimerAfterCaucus(sessionId: string, now: Date = new Date()): Promise<boolean> {
  const db = getDb();
  const stillOn = await db
    .select({ id: ibbCaucusCalls.id })
    .from(ibbCaucusCalls)
    .where(and(eq(ibbCaucusCalls.sessionId, sessionId), isNull(ibbCaucusCalls.endedAt), gt(ibbCaucusCalls.until, now)))
    .limit(1);
  if (stillOn.length > 0) return false;
  const [session] = await db
    .select({ remaining: ibbSessions.timerRemainingMs, isPausedByCaucus: ibbSessions.isTimerPausedByCaucus })
    .from(ibbSessions)
    .where(eq(ibbSessions.id, sessionId))
    .limit(1);
  if (!session?.isPausedByCaucus || session.remaining === null) return false;
  const [last] = await db
    .select({ endedAt: sql<Date | string | null>`max(coalesce(${ibbCaucusCalls.endedAt}, ${ibbCaucusCalls.until}))` })
    .from(ibbCaucusCalls)
    .where(eq(ibbCaucusCalls.sessionId, sessionId));
  const lastEnd = last?.endedAt ? new Date(last.endedAt) : now;
  const resumeAt = Math.min(now.getTime(), lastEnd.getTime());
  const resumed = await db
    .update(ibbSessions)
    .set({ timerEndsAt: new Date(resumeAt + session.remaining), timerRemainingMs: null, isTimerPausedByCaucus: false })
    .where(and(eq(ibbSessions.id, sessionId), eq(ibbSessions.isTimerPausedByCaucus, true), isNotNull(ibbSessions.timerRemainingMs)))
    .returning({ id: ibbSessions.id });
  return resumed.length > 0;
}

/**
 * Resumes every timer whose caucuses have all run out (nobody pressed "back to the
 * table"), and tells those sessions' screens. Cheap when nothing is paused: one indexed
 * read of the paused sessions. Returns the sessions resumed.
 */
export async function resumeTimersAfterExpiredCaucuses(now: Date = new Date()): Promise<string[]> {
  const paused = await getDb()
    .select({ id: ibbSessions.id })
    .from(ibbSessions)
    .where(and(eq(ibbSessions.isTimerPausedByCaucus, true), isNotNull(ibbSessions.timerRemainingMs)));
  const resumed: string[] = [];
  for (const { id } of paused) {
    if (!(await resumeTimerAfterCaucus(id, now))) continue;
    resumed.push(id);
    notifyRecords(ibbDocId(id), 'caucus');
    notifyRecords(ibbDocId(id), 'timer');
  }
  return resumed;
}

/** Hands the lead to another facilitator of the session (a co-facilitator). */
export async function handOffFacilitation(actorId: string, sessionId: string, toUserId: string): Promise<void> {
  const p = await requireParticipant(actorId, sessionId);
  assertFacilitator(p);
  const [target] = await getDb()
    .select()
    .from(ibbParticipants)
    .where(and(eq(ibbParticipants.sessionId, sessionId), eq(ibbParticipants.userId, toUserId)))
    .limit(1);
  if (!target || target.role !== 'facilitator') throw new AppError('bad_request', 'Hand the lead to another facilitator of this session');
  await getDb().transaction(async (tx) => {
    await tx.update(ibbParticipants).set({ isLead: false }).where(eq(ibbParticipants.sessionId, sessionId));
    await tx.update(ibbParticipants).set({ isLead: true }).where(and(eq(ibbParticipants.sessionId, sessionId), eq(ibbParticipants.userId, toUserId)));
    await recordAudit(tx, { partnershipId: p.session.partnershipId, actorId, action: 'ibb.control.handoff', targetType: 'ibb_session', targetId: sessionId, detail: { to: toUserId } });
  });
  notifyRecords(ibbDocId(sessionId), 'handoff');
}

export async function raiseHand(actorId: string, sessionId: string, isRaised: boolean): Promise<void> {
  const p = await requireParticipant(actorId, sessionId);
  if (p.role === 'observer') throw new AppError('forbidden', 'Observers do not take the floor');
  await getDb().transaction(async (tx) => {
    await tx.update(ibbHands).set({ loweredAt: sql`now()` }).where(and(eq(ibbHands.sessionId, sessionId), eq(ibbHands.userId, actorId), isNull(ibbHands.loweredAt)));
    if (isRaised) await tx.insert(ibbHands).values({ sessionId, userId: actorId });
  });
  notifyRecords(ibbDocId(sessionId), 'queue');
}

/** Gives the floor to the first raised hand (or to a chosen person), ending the current turn. */
export async function nextSpeaker(actorId: string, sessionId: string, userId?: string): Promise<{ userId: string } | null> {
  const p = await requireParticipant(actorId, sessionId);
  assertFacilitator(p);
  const result = await getDb().transaction(async (tx) => {
    await tx.update(ibbSpeakingTurns).set({ endedAt: sql`now()` }).where(and(eq(ibbSpeakingTurns.sessionId, sessionId), isNull(ibbSpeakingTurns.endedAt)));
    const [hand] = await tx
      .select()
      .from(ibbHands)
      .where(and(eq(ibbHands.sessionId, sessionId), isNull(ibbHands.loweredAt), userId ? eq(ibbHands.userId, userId) : undefined))
      .orderBy(asc(ibbHands.raisedAt))
      .limit(1);
    const speaker = hand?.userId ?? userId;
    if (!speaker) return null;
    const [part] = await tx.select().from(ibbParticipants).where(and(eq(ibbParticipants.sessionId, sessionId), eq(ibbParticipants.userId, speaker))).limit(1);
    if (!part) throw new AppError('bad_request', 'That person is not in this session');
    if (hand) await tx.update(ibbHands).set({ loweredAt: sql`now()` }).where(eq(ibbHands.id, hand.id));
    await tx.insert(ibbSpeakingTurns).values({ sessionId, userId: speaker, party: part.party });
    return { userId: speaker };
  });
  notifyRecords(ibbDocId(sessionId), 'queue');
  return result;
}

export async function endSpeakingTurn(actorId: string, sessionId: string): Promise<void> {
  const p = await requireParticipant(actorId, sessionId);
  assertFacilitator(p);
  await getDb().update(ibbSpeakingTurns).set({ endedAt: sql`now()` }).where(and(eq(ibbSpeakingTurns.sessionId, sessionId), isNull(ibbSpeakingTurns.endedAt)));
  notifyRecords(ibbDocId(sessionId), 'queue');
}
