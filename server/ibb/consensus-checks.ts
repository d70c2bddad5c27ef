import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../db/client';
import type { CheckView } from '../../domain/ibb/views';
import { ibbConsensusAnswers, ibbConsensusChecks } from '../../db/schema';
import { AppError } from '../../domain/errors';
import { CHECK_KINDS, evaluateConsensus, isBargainingParty, isValidAnswer } from '../../domain/ibb/session-rules';
import { recordAudit } from '../audit/record-audit';
import { notifyRecords } from '../realtime/write-doc';
import { ibbDocId } from './controls';
import { auditRefusals } from './refusal-audit';
import { assertFacilitator, requireParticipant } from './require-participant';

/**
 * Consensus checks are records: opened, answered and revealed through these validated
 * calls with the actor taken from the session — never from board content.
 */

export const openCheckInput = z.object({
  subject: z.string().trim().min(1).max(200),
  question: z.string().trim().min(1).max(1000),
  kind: z.enum(CHECK_KINDS).default('fist_to_five'),
});

type Check = typeof ibbConsensusChecks.$inferSelect;

async function loadCheck(checkId: string): Promise<Check> {
  if (!z.string().uuid().safeParse(checkId).success) throw new AppError('not_found', 'Check not found');
  const [c] = await getDb().select().from(ibbConsensusChecks).where(eq(ibbConsensusChecks.id, checkId)).limit(1);
  if (!c) throw new AppError('not_found', 'Check not found');
  return c;
}

export async function openConsensusCheck(actorId: string, sessionId: string, input: z.input<typeof openCheckInput>): Promise<{ id: string }> {
  const p = await requireParticipant(actorId, sessionId);
  assertFacilitator(p);
  const parsed = openCheckInput.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]?.message ?? 'Invalid check');
  const data = parsed.data;
  const created = await getDb().transaction(async (tx) => {
    const [c] = await tx
      .insert(ibbConsensusChecks)
      .values({ sessionId, subject: data.subject, question: data.question, kind: data.kind, threshold: p.session.consensusThreshold, openedBy: actorId })
      .returning({ id: ibbConsensusChecks.id });
    if (!c) throw new Error('insert returned no check');
    await recordAudit(tx, { partnershipId: p.session.partnershipId, actorId, action: 'ibb.check.opened', targetType: 'ibb_check', targetId: c.id });
    return { id: c.id };
  });
  notifyRecords(ibbDocId(sessionId), 'check');
  return created;
}

/** A re-test after concerns: a new round of the same question; earlier rounds stay as they were. */
export async function retestConsensusCheck(actorId: string, checkId: string): Promise<{ id: string }> {
  const previous = await loadCheck(checkId);
  const p = await requireParticipant(actorId, previous.sessionId);
  assertFacilitator(p);
  if (!previous.revealedAt) throw new AppError('conflict', 'Reveal this round before re-testing');
  const created = await getDb().transaction(async (tx) => {
    const [c] = await tx
      .insert(ibbConsensusChecks)
      .values({
        sessionId: previous.sessionId,
        subject: previous.subject,
        question: previous.question,
        kind: previous.kind,
        threshold: previous.threshold,
        round: previous.round + 1,
        previousCheckId: previous.id,
        openedBy: actorId,
      })
      .returning({ id: ibbConsensusChecks.id });
    if (!c) throw new Error('insert returned no check');
    await recordAudit(tx, { partnershipId: p.session.partnershipId, actorId, action: 'ibb.check.retested', targetType: 'ibb_check', targetId: c.id });
    return { id: c.id };
  });
  notifyRecords(ibbDocId(previous.sessionId), 'check');
  return created;
}

export const answerCheckInput = z.object({ value: z.number().int(), concern: z.string().trim().max(2000).optional() });

/**
 * Answers a check for oneself, once, while it is open. Team members of the two bargaining
 * parties answer; facilitators and observers do not.
 */
export async function answerConsensusCheck(actorId: string, checkId: string, input: z.input<typeof answerCheckInput>): Promise<void> {
  const check = await loadCheck(checkId);
  const p = await requireParticipant(actorId, check.sessionId);
  await auditRefusals({ partnershipId: p.session.partnershipId, actorId, action: 'ibb.check.answer', targetType: 'ibb_check', targetId: check.id }, async () => {
    if (!isBargainingParty(p.party) || p.role === 'observer' || p.role === 'facilitator') {
      throw new AppError('forbidden', 'Only the bargaining teams answer consensus checks');
    }
    const data = answerCheckInput.safeParse(input);
    if (!data.success || !isValidAnswer(check.kind, data.data.value)) throw new AppError('bad_request', 'That answer is not on the check’s scale');
    const concern = data.data.value < check.threshold ? (data.data.concern ?? null) : null;
    await getDb().transaction(async (tx) => {
      // Locked with the reveal: an answer can never land after the results are out.
      const [current] = await tx.select({ revealedAt: ibbConsensusChecks.revealedAt }).from(ibbConsensusChecks).where(eq(ibbConsensusChecks.id, checkId)).for('update');
      if (current?.revealedAt) throw new AppError('conflict', 'This check has been revealed; answers are closed');
      const inserted = await tx
        .insert(ibbConsensusAnswers)
        .values({ checkId, userId: actorId, party: p.party, value: data.data.value, concern })
        .onConflictDoNothing()
        .returning({ userId: ibbConsensusAnswers.userId });
      if (inserted.length === 0) throw new AppError('conflict', 'You have already answered this check');
      await recordAudit(tx, { partnershipId: p.session.partnershipId, actorId, action: 'ibb.check.answered', targetType: 'ibb_check', targetId: checkId });
    });
  });
  notifyRecords(ibbDocId(check.sessionId), 'check');
}


function withOnlyMe<T extends { belowThreshold: string[] }>(result: T, actorId: string): T {
  return { ...result, belowThreshold: result.belowThreshold.filter((id) => id === actorId) };
}

export async function getConsensusCheck(actorId: string, checkId: string): Promise<CheckView> {
  const check = await loadCheck(checkId);
  await requireParticipant(actorId, check.sessionId);
  const answers = await getDb().select().from(ibbConsensusAnswers).where(eq(ibbConsensusAnswers.checkId, checkId)).orderBy(asc(ibbConsensusAnswers.answeredAt));
  return toCheckView(check, answers, actorId);
}

/** Every check of a session, newest first, as `getConsensusCheck` shows each (three queries, however many checks). */
export async function listConsensusChecks(actorId: string, sessionId: string): Promise<CheckView[]> {
  await requireParticipant(actorId, sessionId);
  const checks = await getDb().select().from(ibbConsensusChecks).where(eq(ibbConsensusChecks.sessionId, sessionId)).orderBy(desc(ibbConsensusChecks.openedAt));
  if (checks.length === 0) return [];
  const answers = await getDb()
    .select()
    .from(ibbConsensusAnswers)
    .where(inArray(ibbConsensusAnswers.checkId, checks.map((c) => c.id)))
    .orderBy(asc(ibbConsensusAnswers.answeredAt));
  const byCheck = new Map<string, Answer[]>();
  for (const a of answers) {
    const list = byCheck.get(a.checkId);
    if (list) list.push(a);
    else byCheck.set(a.checkId, [a]);
  }
  return checks.map((check) => toCheckView(check, byCheck.get(check.id) ?? [], actorId));
}

type Answer = typeof ibbConsensusAnswers.$inferSelect;

function toCheckView(check: Check, answers: Answer[], actorId: string): CheckView {
  const bargaining = answers.flatMap((a) => (isBargainingParty(a.party) ? [{ ...a, party: a.party }] : []));
  const isRevealed = check.revealedAt !== null;
  return {
    id: check.id,
    subject: check.subject,
    question: check.question,
    kind: check.kind,
    round: check.round,
    previousCheckId: check.previousCheckId,
    threshold: check.threshold,
    isRevealed,
    answeredByParty: {
      labor: bargaining.filter((a) => a.party === 'labor').length,
      management: bargaining.filter((a) => a.party === 'management').length,
    },
    myAnswer: answers.find((a) => a.userId === actorId)?.value ?? null,
    // By party only: of the people below the threshold, each sees just themselves (to state a concern).
    result: isRevealed ? withOnlyMe(evaluateConsensus(bargaining, check.threshold), actorId) : null,
    concerns: isRevealed ? bargaining.flatMap((a) => (a.concern ? [{ party: a.party, value: a.value, concern: a.concern }] : [])) : [],
  };
}

/** Reveals every answer at once and closes the round. */
export async function revealConsensusCheck(actorId: string, checkId: string): Promise<CheckView> {
  const check = await loadCheck(checkId);
  const p = await requireParticipant(actorId, check.sessionId);
  assertFacilitator(p);
  await getDb().transaction(async (tx) => {
    const updated = await tx
      .update(ibbConsensusChecks)
      .set({ revealedAt: sql`now()` })
      .where(and(eq(ibbConsensusChecks.id, checkId), sql`${ibbConsensusChecks.revealedAt} is null`))
      .returning({ id: ibbConsensusChecks.id });
    if (updated.length === 0) throw new AppError('conflict', 'Already revealed');
    await recordAudit(tx, { partnershipId: p.session.partnershipId, actorId, action: 'ibb.check.revealed', targetType: 'ibb_check', targetId: checkId });
  });
  notifyRecords(ibbDocId(check.sessionId), 'check');
  return getConsensusCheck(actorId, checkId);
}

export type { CheckView };
