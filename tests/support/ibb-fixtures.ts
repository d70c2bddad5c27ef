import { randomUUID } from 'node:crypto';
import { getDb } from '../../db/client';
import { ibbHands } from '../../db/schema';
import { addNote, readBoard } from '../../domain/board/team-board';
import {
  addActionItem,
  addCriterion,
  addCritique,
  addInterest,
  addIssue,
  addOption,
  addParkingLotItem,
  setCommunique,
  setSingleText,
} from '../../domain/ibb/ibb-board';
import type { InterestHolder, InterestKind, PostedAs, RaisedBy } from '../../domain/ibb/ibb-board';
import type { CheckKind } from '../../domain/ibb/session-rules';
import { approveCommunique, proposeCommunique } from '../../server/ibb/communique';
import { answerConsensusCheck, openConsensusCheck, revealConsensusCheck } from '../../server/ibb/consensus-checks';
import { evaluateOption } from '../../server/ibb/evaluations';
import { initialTentativeAgreement, proposeTentativeAgreement } from '../../server/ibb/tentative-agreements';
import { writeDoc } from '../../server/realtime/write-doc';

/** Shared-board content a test puts into `ibb:<sessionId>`, written by the server as writeDoc does. */
export type IbbWrite =
  | { kind: 'issue'; id: string; title: string; raisedBy: RaisedBy }
  | { kind: 'interest'; id: string; issueId: string; holder: InterestHolder; kind2: InterestKind; text: string }
  | { kind: 'option'; id: string; issueId: string; text: string; postedAs: PostedAs; partyTag: string | null; buildsOn?: string[] }
  | { kind: 'criterion'; id: string; issueId: string | null; text: string }
  | { kind: 'singleText'; issueId: string; text: string }
  | { kind: 'critique'; id: string; issueId: string; version: number; quote: string; party: string; text: string }
  | { kind: 'actionItem'; id: string; text: string; laborOwner: string | null; managementOwner: string | null; due: string | null }
  | { kind: 'parkingLot'; id: string; text: string }
  | { kind: 'communique'; text: string };

function applyWrite(doc: Parameters<Parameters<typeof writeDoc>[1]>[0], w: IbbWrite): void {
  switch (w.kind) {
    case 'issue':
      return addIssue(doc, w);
    case 'interest':
      return addInterest(doc, { id: w.id, issueId: w.issueId, holder: w.holder, kind: w.kind2, text: w.text });
    case 'option':
      return addOption(doc, w);
    case 'criterion':
      return addCriterion(doc, w);
    case 'singleText':
      return setSingleText(doc, w.issueId, w.text);
    case 'critique':
      return addCritique(doc, w);
    case 'actionItem':
      return addActionItem(doc, w);
    case 'parkingLot':
      return addParkingLotItem(doc, w);
    case 'communique':
      return setCommunique(doc, w.text);
  }
}

/** IBB board content and records for tests; they run inside the server under test, like every remote fixture. */
export const ibbFixtures = {
  /** A raised hand written straight to the database with no announcement, as if `doc:record` had been lost. */
  ibbRaiseHandUnannounced: async (args: { sessionId: string; userId: string }) => {
    await getDb().insert(ibbHands).values({ sessionId: args.sessionId, userId: args.userId });
    return true;
  },
  ibbWrite: async (args: { sessionId: string; writes: IbbWrite[] }) => {
    await writeDoc(`ibb:${args.sessionId}`, (doc) => {
      for (const w of args.writes) applyWrite(doc, w);
    });
    return true;
  },
  /** A note on a party's caucus board (its first column). */
  caucusWrite: async (args: { sessionId: string; party: 'labor' | 'management'; text: string }) => {
    await writeDoc(`caucus:${args.sessionId}:${args.party}`, (doc) => {
      const column = readBoard(doc).columns[0]?.id;
      if (!column) throw new Error('caucus board has no column');
      addNote(doc, { id: randomUUID(), column, text: args.text });
    });
    return true;
  },
  ibbOpenCheck: (args: { actorId: string; sessionId: string; subject: string; question: string; kind?: CheckKind }) =>
    openConsensusCheck(args.actorId, args.sessionId, { subject: args.subject, question: args.question, kind: args.kind }),
  ibbAnswerCheck: async (args: { actorId: string; checkId: string; value: number; concern?: string }) => {
    await answerConsensusCheck(args.actorId, args.checkId, { value: args.value, concern: args.concern });
    return true;
  },
  ibbRevealCheck: async (args: { actorId: string; checkId: string }) => {
    await revealConsensusCheck(args.actorId, args.checkId);
    return true;
  },
  ibbEvaluate: async (args: { actorId: string; sessionId: string; optionId: string; targetKind: 'criterion' | 'interest'; targetId: string; value: number }) => {
    const { actorId, sessionId, ...input } = args;
    await evaluateOption(actorId, sessionId, input);
    return true;
  },
  taPropose: (args: { actorId: string; sessionId: string; subject: string; title: string; text: string; isContingent?: boolean }) =>
    proposeTentativeAgreement(args.actorId, args.sessionId, { subject: args.subject, title: args.title, text: args.text, isContingent: args.isContingent }),
  taInitial: (args: { actorId: string; taId: string; textHash: string }) => initialTentativeAgreement(args.actorId, args.taId, { textHash: args.textHash }),
  communiquePropose: (args: { actorId: string; sessionId: string; text: string }) => proposeCommunique(args.actorId, args.sessionId, { text: args.text }),
  communiqueApprove: (args: { actorId: string; communiqueId: string; textHash: string }) => approveCommunique(args.actorId, args.communiqueId, { textHash: args.textHash }),
};
