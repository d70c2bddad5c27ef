import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../db/client';
import type { EvaluationCell } from '../../domain/ibb/views';
import { ibbEvaluations } from '../../db/schema';
import { AppError } from '../../domain/errors';
import { isBargainingParty } from '../../domain/ibb/session-rules';
import { recordAudit } from '../audit/record-audit';
import { notifyRecords } from '../realtime/write-doc';
import { ibbDocId } from './controls';
import { requireParticipant } from './require-participant';

export const evaluateInput = z.discriminatedUnion('targetKind', [
  z.object({ optionId: z.string().min(1).max(100), targetKind: z.literal('criterion'), targetId: z.string().min(1).max(100), value: z.number().int().min(1).max(5) }),
  z.object({ optionId: z.string().min(1).max(100), targetKind: z.literal('interest'), targetId: z.string().min(1).max(100), value: z.number().int().min(0).max(2) }),
]);

/** Sets one's own party's evaluation of an option against a criterion or an interest. */
export async function evaluateOption(actorId: string, sessionId: string, input: z.input<typeof evaluateInput>): Promise<void> {
  const p = await requireParticipant(actorId, sessionId);
  if (!isBargainingParty(p.party) || p.role === 'observer') throw new AppError('forbidden', 'Only the bargaining teams evaluate options');
  if (p.session.isLocked) throw new AppError('forbidden', 'The board is locked');
  const parsed = evaluateInput.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]?.message ?? 'Invalid evaluation');
  const e = parsed.data;
  await getDb().transaction(async (tx) => {
    await tx
    .insert(ibbEvaluations)
    .values({ sessionId, optionId: e.optionId, targetKind: e.targetKind, targetId: e.targetId, party: p.party, value: e.value, updatedBy: actorId })
    .onConflictDoUpdate({
      target: [ibbEvaluations.sessionId, ibbEvaluations.optionId, ibbEvaluations.targetKind, ibbEvaluations.targetId, ibbEvaluations.party],
      set: { value: e.value, updatedBy: actorId, updatedAt: sql`now()` },
    });
    await recordAudit(tx, { partnershipId: p.session.partnershipId, actorId, action: 'ibb.evaluation.set', targetType: 'ibb_session', targetId: sessionId, detail: { ...e, party: p.party } });
  });
  notifyRecords(ibbDocId(sessionId), 'evaluation');
}


export async function listEvaluations(actorId: string, sessionId: string): Promise<EvaluationCell[]> {
  await requireParticipant(actorId, sessionId);
  const rows = await getDb().select().from(ibbEvaluations).where(and(eq(ibbEvaluations.sessionId, sessionId)));
  const cells = new Map<string, EvaluationCell>();
  for (const r of rows) {
    const key = `${r.optionId}|${r.targetKind}|${r.targetId}`;
    const cell = cells.get(key) ?? { optionId: r.optionId, targetKind: r.targetKind, targetId: r.targetId, labor: null, management: null, isDissent: false };
    if (r.party === 'labor') cell.labor = r.value;
    if (r.party === 'management') cell.management = r.value;
    cells.set(key, cell);
  }
  for (const c of cells.values()) {
    if (c.labor !== null && c.management !== null) c.isDissent = c.targetKind === 'criterion' ? Math.abs(c.labor - c.management) >= 2 : c.labor !== c.management;
  }
  return [...cells.values()];
}

export type { EvaluationCell };
