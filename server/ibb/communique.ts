import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../db/client';
import type { CommuniqueView } from '../../domain/ibb/views';
import { ibbCommuniqueApprovals, ibbCommuniques, ibbSessions } from '../../db/schema';
import { AppError } from '../../domain/errors';
import { isBargainingParty } from '../../domain/ibb/session-rules';
import { recordAudit } from '../audit/record-audit';
import { requireMembership } from '../partnerships/require-membership';
import { notifyRecords } from '../realtime/write-doc';
import { ibbDocId } from './controls';
import { auditRefusals } from './refusal-audit';
import { assertFacilitator, requireParticipant } from './require-participant';
import { hashTaText } from './tentative-agreements';

/** The facilitator puts a communiqué text to both parties (usually the drafted text from the board). */
export async function proposeCommunique(actorId: string, sessionId: string, input: { text: string }): Promise<{ id: string; textHash: string }> {
  const p = await requireParticipant(actorId, sessionId);
  assertFacilitator(p);
  const parsed = z.object({ text: z.string().trim().min(1).max(20_000) }).safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'A communiqué needs text');
  const textHash = hashTaText(parsed.data.text);
  const c = await getDb().transaction(async (tx) => {
    const [row] = await tx.insert(ibbCommuniques).values({ sessionId, text: parsed.data.text, textHash, proposedBy: actorId }).returning({ id: ibbCommuniques.id });
    if (!row) throw new Error('insert returned no communiqué');
    await recordAudit(tx, { partnershipId: p.session.partnershipId, actorId, action: 'ibb.communique.proposed', targetType: 'ibb_communique', targetId: row.id, detail: { textHash } });
    return row;
  });
  notifyRecords(ibbDocId(sessionId), 'communique');
  return { id: c.id, textHash };
}

/** A party's chief spokesperson approves the exact text; with both approvals it is published. */
export async function approveCommunique(actorId: string, communiqueId: string, input: { textHash: string }): Promise<{ isPublished: boolean }> {
  if (!z.string().uuid().safeParse(communiqueId).success) throw new AppError('not_found', 'Communiqué not found');
  const [c] = await getDb().select().from(ibbCommuniques).where(eq(ibbCommuniques.id, communiqueId)).limit(1);
  if (!c) throw new AppError('not_found', 'Communiqué not found');
  const p = await requireParticipant(actorId, c.sessionId);
  const result = await auditRefusals({ partnershipId: p.session.partnershipId, actorId, action: 'ibb.communique.approve', targetType: 'ibb_communique', targetId: c.id }, async () => {
    if (!isBargainingParty(p.party) || (p.role !== 'chief_spokesperson' && !p.isSigner)) throw new AppError('forbidden', 'A party’s spokesperson approves the communiqué');
    if (input.textHash !== c.textHash) throw new AppError('conflict', 'The text changed: read the current text before approving');
    return getDb().transaction(async (tx) => {
      // Only the newest proposal of the session can be approved, and only until it is published.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${c.sessionId}))`);
      const [latest] = await tx.select({ id: ibbCommuniques.id, publishedAt: ibbCommuniques.publishedAt }).from(ibbCommuniques).where(eq(ibbCommuniques.sessionId, c.sessionId)).orderBy(desc(ibbCommuniques.proposedAt)).limit(1);
      if (latest?.id !== c.id) throw new AppError('conflict', 'A newer communiqué text has been proposed');
      if (latest.publishedAt) throw new AppError('conflict', 'Already published');
      const inserted = await tx.insert(ibbCommuniqueApprovals).values({ communiqueId, party: p.party, userId: actorId, textHash: c.textHash }).onConflictDoNothing().returning({ party: ibbCommuniqueApprovals.party });
      if (inserted.length === 0) throw new AppError('conflict', 'Your party already approved this communiqué');
      const approvals = await tx.select({ party: ibbCommuniqueApprovals.party }).from(ibbCommuniqueApprovals).where(eq(ibbCommuniqueApprovals.communiqueId, communiqueId));
      const isPublished = approvals.some((a) => a.party === 'labor') && approvals.some((a) => a.party === 'management');
      if (isPublished) await tx.update(ibbCommuniques).set({ publishedAt: sql`now()` }).where(eq(ibbCommuniques.id, communiqueId));
      await recordAudit(tx, { partnershipId: p.session.partnershipId, actorId, action: 'ibb.communique.approved', targetType: 'ibb_communique', targetId: communiqueId, detail: { party: p.party, isPublished } });
      return { isPublished };
    });
  });
  notifyRecords(ibbDocId(c.sessionId), 'communique');
  return result;
}


export async function listCommuniques(actorId: string, sessionId: string): Promise<CommuniqueView[]> {
  await requireParticipant(actorId, sessionId);
  const rows = await getDb().select().from(ibbCommuniques).where(eq(ibbCommuniques.sessionId, sessionId)).orderBy(desc(ibbCommuniques.proposedAt));
  if (rows.length === 0) return [];
  // One read of the approvals for all of them, not one per communiqué.
  const approvals = await getDb()
    .select({ communiqueId: ibbCommuniqueApprovals.communiqueId, party: ibbCommuniqueApprovals.party })
    .from(ibbCommuniqueApprovals)
    .where(inArray(ibbCommuniqueApprovals.communiqueId, rows.map((r) => r.id)))
    .orderBy(asc(ibbCommuniqueApprovals.approvedAt));
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    textHash: r.textHash,
    proposedAt: r.proposedAt,
    publishedAt: r.publishedAt,
    approvedBy: approvals.filter((a) => a.communiqueId === r.id).map((a) => a.party),
  }));
}

/** Published communiqués: the one channel out of the bargaining room, readable by every member. */
export async function listPublishedCommuniques(actorId: string, partnershipId: string): Promise<{ sessionTitle: string; text: string; publishedAt: Date }[]> {
  await requireMembership(actorId, partnershipId);
  const rows = await getDb()
    .select({ sessionTitle: ibbSessions.title, text: ibbCommuniques.text, publishedAt: ibbCommuniques.publishedAt })
    .from(ibbCommuniques)
    .innerJoin(ibbSessions, eq(ibbSessions.id, ibbCommuniques.sessionId))
    .where(and(eq(ibbSessions.partnershipId, partnershipId), isNotNull(ibbCommuniques.publishedAt)))
    .orderBy(desc(ibbCommuniques.publishedAt));
  return rows.flatMap((r) => (r.publishedAt ? [{ sessionTitle: r.sessionTitle, text: r.text, publishedAt: r.publishedAt }] : []));
}

export type { CommuniqueView };
