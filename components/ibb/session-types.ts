import type { IbbPhase } from '../../domain/ibb/session-rules';
import type { SessionState } from '../../domain/ibb/views';
import type { FormResult } from '../people/types';
import type { CommuniquePanelProps, ConsensusPanelProps, EvaluationGridProps, TaActions } from './records';

/** The session record as one screen received it, with the server's clock at that moment. */
export interface SessionSnapshot {
  state: SessionState;
  /** Server time (ms since epoch) when the state was read: timers are shown on the server's clock. */
  serverNow: number;
}

export type Outcome<T = undefined> = FormResult<T>;

/** Any action's answer, when only success or the error code matters. */
export type AnyOutcome = FormResult<unknown>;

/** A facilitator control, as the session screen asks for it (validated again on the server). */
export type ControlRequest =
  | { control: 'phase'; phase: IbbPhase }
  | { control: 'lock'; isLocked: boolean }
  | { control: 'anonymity'; anonymity: SessionState['anonymity'] }
  | { control: 'spotlight'; spotlight: string | null }
  | { control: 'timer_start'; minutes: number }
  | { control: 'timer_pause' }
  | { control: 'timer_resume' }
  | { control: 'timer_clear' };

export interface PostOptionRequest {
  issueId: string;
  text: string;
  buildsOn: string[];
}

/**
 * The server actions a session screen calls, bound to the session by the page. Each one
 * re-checks the person and their part in the session on the server.
 */
export interface SessionActions {
  load: () => Promise<Outcome<SessionSnapshot>>;
  control: (request: ControlRequest) => Promise<Outcome>;
  handOff: (toUserId: string) => Promise<Outcome>;
  raiseHand: (isRaised: boolean) => Promise<Outcome>;
  nextSpeaker: (userId: string | null) => Promise<Outcome>;
  endTurn: () => Promise<Outcome>;
  callCaucus: (minutes: number) => Promise<Outcome>;
  endCaucus: () => Promise<Outcome>;
  setCaucusInvite: (isInvited: boolean) => Promise<Outcome>;
  postOption: (request: PostOptionRequest) => Promise<Outcome>;
  openReadyCheck: (phase: IbbPhase) => Promise<Outcome>;
}

/** The records panels' server actions (app/…/ibb/[sessionId]/record-actions.ts), bound by the page. */
export interface RecordActions {
  onOpenCheck: ConsensusPanelProps['onOpenCheck'];
  onAnswer: ConsensusPanelProps['onAnswer'];
  onReveal: ConsensusPanelProps['onReveal'];
  onRetest: ConsensusPanelProps['onRetest'];
  agreements: TaActions;
  onEvaluate: EvaluationGridProps['onEvaluate'];
  onProposeCommunique: CommuniquePanelProps['onPropose'];
  onApproveCommunique: CommuniquePanelProps['onApprove'];
}
