import type { TaView } from '../../../domain/ibb/views';
import { asc, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import { getDb } from '../../../db/client';
import { ibbConsensusChecks, ibbParticipants, users } from '../../../db/schema';
import type { IbbBoardView, OptionView } from '../../../domain/ibb/ibb-board';
import { readIbbBoard } from '../../../domain/ibb/ibb-board';
import type { PartyTally } from '../../../domain/ibb/session-rules';
import { SERVER_CLIENT_ID } from '../../../domain/sync/protocol';
import { readClientBindings, readStoredDoc } from '../../realtime/persistence';
import { listCommuniques } from '../communique';
import { getConsensusCheck } from '../consensus-checks';
import { ibbDocId } from '../controls';
import { listEvaluations } from '../evaluations';
import { requireParticipant } from '../require-participant';
import { listTentativeAgreements } from '../tentative-agreements';

/**
 * The session record: everything said and decided at the shared table, for export.
 * Built from the records (database rows) and the shared board doc `ibb:<id>` only — a
 * caucus doc is never read here, so no export can carry caucus content. Plain data with
 * ISO dates, so every renderer works from the same values.
 */
export interface SessionRecord {
  generatedAt: string;
  session: {
    id: string;
    partnershipName: string;
    title: string;
    startsOn: string | null;
    endsOn: string | null;
    phase: string;
    impasseProcedure: string;
    consensusThreshold: number;
    quorum: { labor: number; management: number };
  };
  participants: { name: string; party: string; role: string; isSigner: boolean }[];
  groundRules: { id: string; category: string; text: string }[];
  issues: { id: string; title: string; raisedBy: string; status: string; order: number }[];
  interests: { id: string; issueId: string; holder: string; kind: string; text: string; group: string | null; mergedInto: string | null }[];
  /** Authorship follows the anonymity the option was posted under and is never lifted. */
  options: { id: string; issueId: string; text: string; buildsOn: string[]; cluster: string | null; postedAs: string; author: string | null; partyTag: string | null }[];
  criteria: { id: string; issueId: string | null; text: string; isAgreed: boolean }[];
  evaluations: { optionId: string; targetKind: 'criterion' | 'interest'; targetId: string; labor: number | null; management: number | null; isDissent: boolean }[];
  consensusRounds: ConsensusRoundRecord[];
  agreements: AgreementRecord[];
  communiques: { id: string; text: string; textHash: string; proposedAt: string; publishedAt: string | null; approvedBy: string[] }[];
  singleTexts: { issueId: string; text: string; version: number }[];
  critiques: { id: string; issueId: string; version: number; quote: string; party: string; text: string }[];
  parkingLot: { id: string; text: string }[];
  actionItems: { id: string; text: string; laborOwner: string | null; managementOwner: string | null; due: string | null; isDone: boolean }[];
  communiqueDraft: string;
}

export interface ConsensusRoundRecord {
  id: string;
  subject: string;
  question: string;
  kind: string;
  round: number;
  previousCheckId: string | null;
  threshold: number;
  openedAt: string;
  revealedAt: string | null;
  answeredByParty: { labor: number; management: number };
  /** Only after the reveal; by party, never by person. */
  result: { reached: boolean; byParty: { labor: TallyRecord; management: TallyRecord } } | null;
  concerns: { party: string; value: number; concern: string }[];
}

export interface TallyRecord {
  answered: number;
  min: number | null;
  mean: number | null;
  belowThreshold: number;
  distribution: { value: number; count: number }[];
}

/** A TA as exported: the view's fields, with initials named and times as ISO strings. */
export type AgreementRecord = Omit<TaView, 'initials' | 'ratifications'> & {
  initials: { party: string; name: string; textHash: string; initialedAt: string }[];
  ratifications: { party: string; outcome: string; recordedAt: string }[];
};

function tallyRecord(t: PartyTally): TallyRecord {
  const distribution = Object.entries(t.distribution)
    .map(([value, count]) => ({ value: Number(value), count }))
    .sort((a, b) => a.value - b.value);
  return { answered: t.answered, min: t.min, mean: t.mean, belowThreshold: t.belowThreshold, distribution };
}

async function readBoard(sessionId: string): Promise<{ board: IbbBoardView; bindings: Map<number, string> }> {
  const docId = ibbDocId(sessionId);
  const stored = await readStoredDoc(docId);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  const board = readIbbBoard(doc);
  doc.destroy();
  return { board, bindings: await readClientBindings(docId) };
}

async function namesOf(userIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const rows = await getDb().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The record of a session as one participant may export it (any participant, at any time). */
export async function gatherSessionRecord(actorId: string, sessionId: string): Promise<SessionRecord> {
  const p = await requireParticipant(actorId, sessionId);
  const db = getDb();
  const s = p.session;

  const participantRows = await db
    .select({ userId: users.id, name: users.name, party: ibbParticipants.party, role: ibbParticipants.role, isSigner: ibbParticipants.isSigner })
    .from(ibbParticipants)
    .innerJoin(users, eq(users.id, ibbParticipants.userId))
    .where(eq(ibbParticipants.sessionId, sessionId))
    .orderBy(asc(ibbParticipants.party), asc(users.name));

  const participants = participantRows.map((r) => ({ name: r.name, party: r.party, role: r.role, isSigner: r.isSigner }));
  // Action-item owners are participants' user ids; only names of this session's people are shown.
  const participantNames = new Map(participantRows.map((r) => [r.userId, r.name]));
  const ownerName = (owner: string | null): string | null => (owner === null ? null : (participantNames.get(owner) ?? owner));
  const participantParty = new Map(participantRows.map((r) => [r.userId, r.party]));

  const { board, bindings } = await readBoard(sessionId);

  // Only a named option shows its author: the person bound to the clientID that created it.
  // Anonymous options are never looked up. A party tag is the server's when the server wrote
  // the option (postOption); an option a client wrote itself carries that person's own party,
  // whatever tag its doc fields claim.
  const namedAuthorIds = board.options.flatMap((o) => {
    const userId = o.postedAs === 'named' && o.creatorClientId !== null ? bindings.get(o.creatorClientId) : undefined;
    return userId ? [userId] : [];
  });

  const partyTagOf = (o: OptionView): string | null => {
    if (o.creatorClientId === SERVER_CLIENT_ID) return o.partyTag;
    const creator = o.creatorClientId === null ? undefined : bindings.get(o.creatorClientId);
    return creator ? (participantParty.get(creator) ?? null) : null;
  };

  const checkRows = await db
    .select({ id: ibbConsensusChecks.id, openedAt: ibbConsensusChecks.openedAt, revealedAt: ibbConsensusChecks.revealedAt })
    .from(ibbConsensusChecks)
    .where(eq(ibbConsensusChecks.sessionId, sessionId))
    .orderBy(asc(ibbConsensusChecks.openedAt));
  const consensusRounds: ConsensusRoundRecord[] = [];
  for (const row of checkRows) {
    const c = await getConsensusCheck(actorId, row.id);
    consensusRounds.push({
      id: c.id,
      subject: c.subject,
      question: c.question,
      kind: c.kind,
      round: c.round,
      previousCheckId: c.previousCheckId,
      threshold: c.threshold,
      openedAt: row.openedAt.toISOString(),
      revealedAt: row.revealedAt?.toISOString() ?? null,
      answeredByParty: c.answeredByParty,
      result: c.result ? { reached: c.result.reached, byParty: { labor: tallyRecord(c.result.byParty.labor), management: tallyRecord(c.result.byParty.management) } } : null,
      concerns: c.concerns,
    });
  }

  const tas = await listTentativeAgreements(actorId, sessionId);
  const names = await namesOf([...namedAuthorIds, ...tas.flatMap((ta) => ta.initials.map((i) => i.userId))]);
  const nameOf = (userId: string | undefined): string | null => (userId ? (names.get(userId) ?? null) : null);

  return {
    generatedAt: new Date().toISOString(),
    session: {
      id: s.id,
      partnershipName: p.membership.partnershipName,
      title: s.title,
      startsOn: s.startsOn,
      endsOn: s.endsOn,
      phase: s.phase,
      impasseProcedure: s.impasseProcedure,
      consensusThreshold: s.consensusThreshold,
      quorum: { labor: s.laborQuorum, management: s.managementQuorum },
    },
    participants,
    groundRules: board.groundRules.map((r) => ({ id: r.id, category: r.category, text: r.text })),
    issues: board.issues.map((i) => ({ id: i.id, title: i.title, raisedBy: i.raisedBy, status: i.status, order: i.order })),
    interests: board.interests.map((i) => ({ id: i.id, issueId: i.issueId, holder: i.holder, kind: i.kind, text: i.text, group: i.group, mergedInto: i.mergedInto })),
    options: board.options.map((o) => ({
      id: o.id,
      issueId: o.issueId,
      text: o.text,
      buildsOn: o.buildsOn,
      cluster: o.cluster,
      postedAs: o.postedAs,
      author: o.postedAs === 'named' && o.creatorClientId !== null ? nameOf(bindings.get(o.creatorClientId)) : null,
      partyTag: o.postedAs === 'party' ? partyTagOf(o) : null,
    })),
    criteria: board.criteria,
    evaluations: await listEvaluations(actorId, sessionId),
    consensusRounds,
    agreements: tas.map((ta) => ({
      id: ta.id,
      subject: ta.subject,
      title: ta.title,
      text: ta.text,
      textHash: ta.textHash,
      isContingent: ta.isContingent,
      supersedesId: ta.supersedesId,
      isFrozen: ta.isFrozen,
      isSuperseded: ta.isSuperseded,
      isVerified: ta.isVerified,
      initials: ta.initials.map((i) => ({ party: i.party, name: nameOf(i.userId) ?? '', textHash: i.textHash, initialedAt: i.initialedAt.toISOString() })),
      ratifications: ta.ratifications.map((r) => ({ party: r.party, outcome: r.outcome, recordedAt: r.recordedAt.toISOString() })),
    })),
    communiques: (await listCommuniques(actorId, sessionId)).map((c) => ({
      id: c.id,
      text: c.text,
      textHash: c.textHash,
      proposedAt: c.proposedAt.toISOString(),
      publishedAt: c.publishedAt?.toISOString() ?? null,
      approvedBy: c.approvedBy,
    })),
    singleTexts: board.singleTexts,
    critiques: board.critiques,
    parkingLot: board.parkingLot,
    actionItems: board.actionItems.map((a) => ({ ...a, laborOwner: ownerName(a.laborOwner), managementOwner: ownerName(a.managementOwner) })),
    communiqueDraft: board.communique,
  };
}
