import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { ibbCaucusCalls, ibbCaucusInvites, ibbParticipants } from '../../db/schema';
import { emitEvent } from '../events';
import { AppError } from '../../domain/errors';
import { isBargainingParty } from '../../domain/ibb/session-rules';
import { recordAudit } from '../audit/record-audit';
import { notifyRecords } from '../realtime/write-doc';
import { ibbDocId, pauseTimerFor, resumeTimerAfterCaucus } from './controls';
import { requireParticipant } from './require-participant';

/** Whether a party has invited facilitators into its caucus (and not withdrawn it). */
export async function isFacilitatorInvitedToCaucus(sessionId: string, party: string): Promise<boolean> {
  const [row] = await getDb()
    .select({ at: ibbCaucusInvites.at })
    .from(ibbCaucusInvites)
    .where(and(eq(ibbCaucusInvites.sessionId, sessionId), sql`${ibbCaucusInvites.party}::text = ${party}`, isNull(ibbCaucusInvites.withdrawnAt)))
    .limit(1);
  return Boolean(row);
}

/** A party's chief spokesperson invites (or stops inviting) the facilitators into its caucus. */
export async function setCaucusFacilitatorInvite(actorId: string, sessionId: string, isInvited: boolean): Promise<void> {
  const p = await requireParticipant(actorId, sessionId);
  if (!isBargainingParty(p.party) || p.role !== 'chief_spokesperson') {
    throw new AppError('forbidden', 'Only a party’s chief spokesperson invites facilitators into its caucus');
  }
  await getDb().transaction(async (tx) => {
    await tx
      .update(ibbCaucusInvites)
      .set({ withdrawnAt: sql`now()` })
      .where(and(eq(ibbCaucusInvites.sessionId, sessionId), eq(ibbCaucusInvites.party, p.party), isNull(ibbCaucusInvites.withdrawnAt)));
    if (isInvited) await tx.insert(ibbCaucusInvites).values({ sessionId, party: p.party, invitedBy: actorId });
    await recordAudit(tx, { partnershipId: p.session.partnershipId, actorId, action: isInvited ? 'ibb.caucus.facilitator_invited' : 'ibb.caucus.facilitator_uninvited', targetType: 'ibb_session', targetId: sessionId, detail: { party: p.party } });
  });
  // Facilitators' open sockets are re-checked at once (an uninvited one leaves the caucus
  // now, not at its next message); screens refresh to show or hide the caucus link.
  const facilitators = await getDb()
    .select({ userId: ibbParticipants.userId })
    .from(ibbParticipants)
    .where(and(eq(ibbParticipants.sessionId, sessionId), eq(ibbParticipants.role, 'facilitator')));
  for (const f of facilitators) emitEvent('membership:changed', { partnershipId: p.session.partnershipId, userId: f.userId });
  // The party's own business: its side and the facilitators refresh; the other side is not told.
  notifyRecords(ibbDocId(sessionId), 'caucus', [p.party, 'neutral']);
}

export const callCaucusInput = z.object({ minutes: z.number().int().min(1).max(240) });

/** Calls a caucus for one's party: everyone sees "<party> in caucus until <time>", nothing more. */
export async function callCaucus(actorId: string, sessionId: string, input: z.input<typeof callCaucusInput>): Promise<{ until: Date }> {
  const p = await requireParticipant(actorId, sessionId);
  if (!isBargainingParty(p.party) || p.role === 'observer') throw new AppError('forbidden', 'Only a bargaining team calls a caucus');
  const parsed = callCaucusInput.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'A caucus lasts 1 to 240 minutes');
  const until = new Date(Date.now() + parsed.data.minutes * 60_000);
  await getDb().transaction(async (tx) => {
    await tx.update(ibbCaucusCalls).set({ endedAt: sql`now()` }).where(and(eq(ibbCaucusCalls.sessionId, sessionId), eq(ibbCaucusCalls.party, p.party), isNull(ibbCaucusCalls.endedAt)));
    await tx.insert(ibbCaucusCalls).values({ sessionId, party: p.party, calledBy: actorId, until });
    await recordAudit(tx, { partnershipId: p.session.partnershipId, actorId, action: 'ibb.caucus.called', targetType: 'ibb_session', targetId: sessionId, detail: { party: p.party, until: until.toISOString() } });
  });
  // The shared clock stops while a party is out of the room, and starts again when the
  // last caucus ends or runs out (server/ibb/caucus-expiry.ts).
  await pauseTimerFor(p);
  emitEvent('caucus:called', { sessionId, until });
  notifyRecords(ibbDocId(sessionId), 'caucus');
  return { until };
}

/** Ends one's party's caucus early (back to the table); the last one to end restarts a timer a caucus paused. */
export async function endCaucus(actorId: string, sessionId: string): Promise<void> {
  const p = await requireParticipant(actorId, sessionId);
  if (!isBargainingParty(p.party) && p.role !== 'facilitator') throw new AppError('forbidden', 'Only a bargaining team or the facilitator ends a caucus');
  const party = isBargainingParty(p.party) ? p.party : null;
  await getDb()
    .update(ibbCaucusCalls)
    .set({ endedAt: sql`now()` })
    .where(and(eq(ibbCaucusCalls.sessionId, sessionId), isNull(ibbCaucusCalls.endedAt), party ? eq(ibbCaucusCalls.party, party) : undefined));
  const isResumed = await resumeTimerAfterCaucus(sessionId);
  notifyRecords(ibbDocId(sessionId), 'caucus');
  if (isResumed) notifyRecords(ibbDocId(sessionId), 'timer');
}

/** The public banner facts for a session: which parties are in caucus and until when. */
export async function activeCaucuses(actorId: string, sessionId: string): Promise<{ party: string; until: Date }[]> {
  await requireParticipant(actorId, sessionId);
  return getDb()
    .select({ party: ibbCaucusCalls.party, until: ibbCaucusCalls.until })
    .from(ibbCaucusCalls)
    .where(and(eq(ibbCaucusCalls.sessionId, sessionId), isNull(ibbCaucusCalls.endedAt), gt(ibbCaucusCalls.until, sql`now()`)))
    .orderBy(desc(ibbCaucusCalls.calledAt));
}
