import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../db/client';
import type { TaView } from '../../domain/ibb/views';
import { ibbTaInitials, ibbTaRatifications, ibbTentativeAgreements } from '../../db/schema';
import { AppError } from '../../domain/errors';
import { canonicalTaText, isBargainingParty } from '../../domain/ibb/session-rules';
import { recordAudit } from '../audit/record-audit';
import { notifyRecords } from '../realtime/write-doc';
import { ibbDocId } from './controls';
import { auditRefusals } from './refusal-audit';
import type { Participant } from './require-participant';
import { assertFacilitator, requireParticipant } from './require-participant';

/** SHA-256 of the canonical text, hex: what initials bind to. */
export function hashTaText(text: string): string {
  return createHash('sha256').update(canonicalTaText(text), 'utf8').digest('hex');
}

type Ta = typeof ibbTentativeAgreements.$inferSelect;

async function loadTa(taId: string): Promise<Ta> {
  if (!z.string().uuid().safeParse(taId).success) throw new AppError('not_found', 'Agreement not found');
  const [ta] = await getDb().select().from(ibbTentativeAgreements).where(eq(ibbTentativeAgreements.id, taId)).limit(1);
  if (!ta) throw new AppError('not_found', 'Agreement not found');
  return ta;
}

function assertDrafter(p: Participant): void {
  if (p.role !== 'facilitator' && p.role !== 'ta_drafter') throw new AppError('forbidden', 'Only the facilitator or the TA drafter writes agreement text');
}

function canInitial(p: Participant): boolean {
  return isBargainingParty(p.party) && (p.role === 'chief_spokesperson' || p.isSigner);
}

export const proposeTaInput = z.object({
  subject: z.string().trim().min(1).max(200),
  title: z.string().trim().min(1).max(300),
  text: z.string().min(1).max(100_000),
  isContingent: z.boolean().default(false),
  /** A change to an existing TA is a new TA that supersedes it. */
  supersedesId: z.string().uuid().nullable().default(null),
});

export async function proposeTentativeAgreement(actorId: string, sessionId: string, input: z.input<typeof proposeTaInput>): Promise<{ id: string; textHash: string }> {
  const p = await requireParticipant(actorId, sessionId);
  assertDrafter(p);
  const parsed = proposeTaInput.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]?.message ?? 'Invalid agreement');
  const data = parsed.data;
  const text = canonicalTaText(data.text);
  const textHash = hashTaText(text);
  const created = await getDb().transaction(async (tx) => {
    if (data.supersedesId) {
      const [old] = await tx.select().from(ibbTentativeAgreements).where(eq(ibbTentativeAgreements.id, data.supersedesId)).for('update').limit(1);
      if (!old || old.sessionId !== sessionId) throw new AppError('not_found', 'Agreement not found');
      if (old.supersededAt) throw new AppError('conflict', 'That agreement has already been superseded');
      await tx.update(ibbTentativeAgreements).set({ supersededAt: sql`now()` }).where(eq(ibbTentativeAgreements.id, old.id));
    }
    const [ta] = await tx
      .insert(ibbTentativeAgreements)
      .values({ sessionId, subject: data.subject, title: data.title, text, textHash, isContingent: data.isContingent, supersedesId: data.supersedesId, createdBy: actorId })
      .returning({ id: ibbTentativeAgreements.id });
    if (!ta) throw new Error('insert returned no agreement');
    await recordAudit(tx, { partnershipId: p.session.partnershipId, actorId, action: 'ibb.ta.proposed', targetType: 'ibb_ta', targetId: ta.id, detail: { textHash, supersedes: data.supersedesId } });
    return { id: ta.id, textHash };
  });
  notifyRecords(ibbDocId(sessionId), 'ta');
  return created;
}

/**
 * Initials a TA for one's own party. The caller states the hash of the text they read;
 * it must be the TA's current text. After both parties initial, the TA is frozen.
 */
export async function initialTentativeAgreement(actorId: string, taId: string, input: { textHash: string }): Promise<{ isFrozen: boolean }> {
  const ta = await loadTa(taId);
  const p = await requireParticipant(actorId, ta.sessionId);
  const result = await auditRefusals({ partnershipId: p.session.partnershipId, actorId, action: 'ibb.ta.initial', targetType: 'ibb_ta', targetId: ta.id }, async () => {
    if (!canInitial(p)) throw new AppError('forbidden', 'Only a party’s chief spokesperson or designated signers initial agreements');
    return getDb().transaction(async (tx) => {
      const [current] = await tx.select().from(ibbTentativeAgreements).where(eq(ibbTentativeAgreements.id, taId)).for('update').limit(1);
      if (!current) throw new AppError('not_found', 'Agreement not found');
      if (current.supersededAt) throw new AppError('conflict', 'This agreement has been superseded by a newer text');
      if (current.frozenAt) throw new AppError('conflict', 'This agreement is frozen');
      if (input.textHash !== current.textHash) throw new AppError('conflict', 'The text changed: read the current text before initialing');
      const inserted = await tx
        .insert(ibbTaInitials)
        .values({ taId, party: p.party, userId: actorId, textHash: current.textHash })
        .onConflictDoNothing()
        .returning({ party: ibbTaInitials.party });
      if (inserted.length === 0) throw new AppError('conflict', 'Your party has already initialed this agreement');
      const parties = await tx.select({ party: ibbTaInitials.party }).from(ibbTaInitials).where(eq(ibbTaInitials.taId, taId));
      const isFrozen = parties.some((r) => r.party === 'labor') && parties.some((r) => r.party === 'management');
      if (isFrozen) await tx.update(ibbTentativeAgreements).set({ frozenAt: sql`now()` }).where(and(eq(ibbTentativeAgreements.id, taId), isNull(ibbTentativeAgreements.frozenAt)));
      await recordAudit(tx, { partnershipId: p.session.partnershipId, actorId, action: 'ibb.ta.initialed', targetType: 'ibb_ta', targetId: taId, detail: { party: p.party, textHash: current.textHash, isFrozen } });
      return { isFrozen };
    });
  });
  notifyRecords(ibbDocId(ta.sessionId), 'ta');
  return result;
}

/** Records a side's ratification or rejection of a frozen TA; once per party. */
export async function recordRatification(actorId: string, taId: string, input: { party: 'labor' | 'management'; outcome: 'ratified' | 'rejected' }): Promise<void> {
  const ta = await loadTa(taId);
  const p = await requireParticipant(actorId, ta.sessionId);
  await auditRefusals({ partnershipId: p.session.partnershipId, actorId, action: 'ibb.ta.ratification', targetType: 'ibb_ta', targetId: taId }, async () => {
    const isOwnSpokesperson = p.party === input.party && p.role === 'chief_spokesperson';
    if (p.role !== 'facilitator' && !isOwnSpokesperson) throw new AppError('forbidden', 'The facilitator or that party’s spokesperson records ratification');
    if (!ta.frozenAt) throw new AppError('conflict', 'Only an agreement initialed by both parties can be ratified');
    await getDb().transaction(async (tx) => {
      const inserted = await tx
        .insert(ibbTaRatifications)
        .values({ taId, party: input.party, outcome: input.outcome, recordedBy: actorId })
        .onConflictDoNothing()
        .returning({ party: ibbTaRatifications.party });
      if (inserted.length === 0) throw new AppError('conflict', 'That party’s ratification is already recorded');
      await recordAudit(tx, { partnershipId: p.session.partnershipId, actorId, action: 'ibb.ta.ratification_recorded', targetType: 'ibb_ta', targetId: taId, detail: input });
    });
  });
  notifyRecords(ibbDocId(ta.sessionId), 'ta');
}


export async function listTentativeAgreements(actorId: string, sessionId: string): Promise<TaView[]> {
  await requireParticipant(actorId, sessionId);
  const db = getDb();
  const tas = await db.select().from(ibbTentativeAgreements).where(eq(ibbTentativeAgreements.sessionId, sessionId)).orderBy(asc(ibbTentativeAgreements.createdAt));
  if (tas.length === 0) return [];
  // Two reads for all of them, not two per agreement.
  const ids = tas.map((ta) => ta.id);
  const [allInitials, allRatifications] = await Promise.all([
    db.select().from(ibbTaInitials).where(inArray(ibbTaInitials.taId, ids)).orderBy(asc(ibbTaInitials.initialedAt)),
    db.select().from(ibbTaRatifications).where(inArray(ibbTaRatifications.taId, ids)).orderBy(asc(ibbTaRatifications.recordedAt)),
  ]);
  const out: TaView[] = [];
  for (const ta of tas) {
    const initials = allInitials.filter((i) => i.taId === ta.id);
    const ratifications = allRatifications.filter((r) => r.taId === ta.id);
    out.push({
      id: ta.id,
      subject: ta.subject,
      title: ta.title,
      text: ta.text,
      textHash: ta.textHash,
      isContingent: ta.isContingent,
      supersedesId: ta.supersedesId,
      isFrozen: ta.frozenAt !== null,
      isSuperseded: ta.supersededAt !== null,
      initials: initials.map((i) => ({ party: i.party, userId: i.userId, textHash: i.textHash, initialedAt: i.initialedAt })),
      ratifications: ratifications.map((r) => ({ party: r.party, outcome: r.outcome, recordedAt: r.recordedAt })),
      isVerified: hashTaText(ta.text) === ta.textHash && initials.every((i) => i.textHash === ta.textHash),
    });
  }
  return out;
}

export type { TaView };
