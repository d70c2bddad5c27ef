import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { ibbParticipants, ibbSessions, memberships } from '../../db/schema';
import { AppError } from '../../domain/errors';
import { randomUUID } from 'node:crypto';
import { initBoard } from '../../domain/board/team-board';
import type { GroundRuleCategory } from '../../domain/ibb/ibb-board';
import { addGroundRule } from '../../domain/ibb/ibb-board';
import { BARGAINING_PARTIES, SESSION_ROLES, isBargainingParty } from '../../domain/ibb/session-rules';
import { writeDoc } from '../realtime/write-doc';
import { recordAudit } from '../audit/record-audit';
import { requirePeopleManager } from '../partnerships/require-membership';

export const createSessionInput = z.object({
  title: z.string().trim().min(1).max(200),
  startsOn: z.string().date().nullable().default(null),
  endsOn: z.string().date().nullable().default(null),
  impasseProcedure: z.string().trim().max(4000).default(''),
  consensusThreshold: z.number().int().min(1).max(5).default(3),
  laborQuorum: z.number().int().min(1).max(50).default(1),
  managementQuorum: z.number().int().min(1).max(50).default(1),
  participants: z
    .array(z.object({ userId: z.string().uuid(), role: z.enum(SESSION_ROLES), isSigner: z.boolean().default(false) }))
    .min(1)
    .max(200),
});
export type CreateSessionInput = z.input<typeof createSessionInput>;

/**
 * Sets up a bargaining session (engagement) with its teams. Parties come from each
 * person's membership: spokespersons and signers must be labor or management, facilitators
 * neutral. The creator (a facilitator or admin) is added as a facilitator if not listed.
 */
export async function createSession(actorId: string, partnershipId: string, input: CreateSessionInput): Promise<{ id: string }> {
  const actor = await requirePeopleManager(actorId, partnershipId);
  const parsed = createSessionInput.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]?.message ?? 'Invalid session');
  const data = parsed.data;
  const list = [...data.participants];
  if (!list.some((p) => p.userId === actorId) && actor.party === 'neutral') list.push({ userId: actorId, role: 'facilitator', isSigner: false });
  if (new Set(list.map((p) => p.userId)).size !== list.length) throw new AppError('bad_request', 'A person is listed twice');

  const created = await getDb().transaction(async (tx) => {
    const members = await tx
      .select({ userId: memberships.userId, party: memberships.party })
      .from(memberships)
      .where(and(eq(memberships.partnershipId, partnershipId), isNull(memberships.revokedAt), inArray(memberships.userId, list.map((p) => p.userId))));
    const partyOf = new Map(members.map((m) => [m.userId, m.party]));
    const rows = list.map((p) => {
      const party = partyOf.get(p.userId);
      if (!party) throw new AppError('bad_request', 'Every participant must be a member of this partnership');
      if ((p.role === 'chief_spokesperson' || p.isSigner) && !isBargainingParty(party)) {
        throw new AppError('bad_request', 'Spokespersons and signers belong to labor or management');
      }
      if (p.role === 'facilitator' && party !== 'neutral') throw new AppError('bad_request', 'Facilitators are neutral');
      return { userId: p.userId, party, role: p.role, isSigner: p.isSigner, isLead: false };
    });
    const lead = rows.find((r) => r.userId === actorId && r.role === 'facilitator') ?? rows.find((r) => r.role === 'facilitator');
    if (lead) lead.isLead = true;
    for (const side of ['labor', 'management'] as const) {
      if (rows.filter((r) => r.party === side && r.role === 'chief_spokesperson').length > 1) {
        throw new AppError('bad_request', 'One chief spokesperson per party');
      }
    }
    const [s] = await tx
      .insert(ibbSessions)
      .values({
        partnershipId,
        title: data.title,
        startsOn: data.startsOn,
        endsOn: data.endsOn,
        impasseProcedure: data.impasseProcedure,
        consensusThreshold: data.consensusThreshold,
        laborQuorum: data.laborQuorum,
        managementQuorum: data.managementQuorum,
        createdBy: actorId,
      })
      .returning({ id: ibbSessions.id });
    if (!s) throw new Error('insert returned no session');
    await tx.insert(ibbParticipants).values(rows.map((r) => ({ ...r, sessionId: s.id })));
    await recordAudit(tx, { partnershipId, actorId, action: 'ibb.session.created', targetType: 'ibb_session', targetId: s.id, detail: { participants: rows.length } });
    return { id: s.id };
  });
  await initialiseSessionDocs(created.id);
  return created;
}

/** Starter content: ground-rule prompts on the shared board, three columns in each caucus. */
async function initialiseSessionDocs(sessionId: string): Promise<void> {
  await writeDoc(`ibb:${sessionId}`, (doc) => {
    for (const [category, text] of STARTER_GROUND_RULES) addGroundRule(doc, { id: randomUUID(), category, text });
  });
  for (const party of BARGAINING_PARTIES) {
    await writeDoc(`caucus:${sessionId}:${party}`, (doc) => initBoard(doc, 'Caucus', ['Our interests', 'Options we could accept', 'Questions for the table'], randomUUID));
  }
}

const STARTER_GROUND_RULES: [GroundRuleCategory, string][] = [
  ['conduct', 'Focus on interests, not positions; listen to understand.'],
  ['confidentiality', 'What is said at the table stays at the table until both parties agree to share it.'],
  ['communications', 'Only the joint communiqué goes to members and the public.'],
  ['caucus', 'Either team may call a caucus at any time; the other team waits.'],
  ['recording', 'No audio or video recording; the note-taker keeps the joint record.'],
  ['opting_out', 'Either party may leave the IBB process after notice, using the impasse procedure.'],
];
