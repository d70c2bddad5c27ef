import type { ConsensusResult, IbbPhase, SessionRole } from './session-rules';
import type { Party } from '../partnership/roles';

/**
 * What the server sends a session screen besides the board doc. Plain data (dates as
 * ISO strings where they cross to the browser); produced by server/ibb/session-state.ts.
 */
export interface CheckView {
  id: string;
  subject: string;
  question: string;
  kind: 'fist_to_five' | 'thumbs';
  round: number;
  previousCheckId: string | null;
  threshold: number;
  isRevealed: boolean;
  /** How many have answered, per party — the only thing visible before the reveal. */
  answeredByParty: { labor: number; management: number };
  myAnswer: number | null;
  /** After the reveal: the result by party and the concerns raised (by party, not by name). */
  result: ConsensusResult | null;
  concerns: { party: string; value: number; concern: string }[];
}

export interface TaView {
  id: string;
  subject: string;
  title: string;
  text: string;
  textHash: string;
  isContingent: boolean;
  supersedesId: string | null;
  isFrozen: boolean;
  isSuperseded: boolean;
  initials: { party: string; userId: string; textHash: string; initialedAt: Date }[];
  ratifications: { party: string; outcome: string; recordedAt: Date }[];
  /** True when the stored text still hashes to its recorded hash and every initial binds to it. */
  isVerified: boolean;
}

export interface EvaluationCell {
  optionId: string;
  targetKind: 'criterion' | 'interest';
  targetId: string;
  labor: number | null;
  management: number | null;
  /** The parties see it differently: criterion scores 2+ apart, or any interest difference. */
  isDissent: boolean;
}

export interface CommuniqueView {
  id: string;
  text: string;
  textHash: string;
  proposedAt: Date;
  publishedAt: Date | null;
  approvedBy: string[];
}

export interface SessionState {
  id: string;
  partnershipId: string;
  title: string;
  startsOn: string | null;
  endsOn: string | null;
  impasseProcedure: string;
  consensusThreshold: number;
  quorum: { labor: number; management: number };
  phase: IbbPhase;
  isLocked: boolean;
  anonymity: 'named' | 'party' | 'anonymous';
  spotlight: string | null;
  timer: { endsAt: string | null; remainingMs: number | null };
  me: { userId: string; party: Party; role: SessionRole; isSigner: boolean; isLead: boolean; canInitial: boolean };
  participants: { userId: string; name: string; party: Party; role: SessionRole; isSigner: boolean; isLead: boolean }[];
  caucuses: { party: string; until: string }[];
  /** Which caucus docs I may open (my party's; a facilitator only where invited). */
  myCaucusDocIds: string[];
  /** Whether my party currently invites the facilitators into its caucus. */
  isFacilitatorInvitedToMyCaucus: boolean;
  queue: { userId: string; raisedAt: string }[];
  speaker: { userId: string; since: string } | null;
  /** Seconds spoken, per person and per party. */
  balance: { byPerson: Record<string, number>; byParty: Record<string, number> };
  checks: CheckView[];
  agreements: TaView[];
  evaluations: EvaluationCell[];
  communiques: CommuniqueView[];
}
