import { isBargainingParty } from '../../domain/ibb/session-rules';
import type { SessionState } from '../../domain/ibb/views';
import type { DocAccess } from '../../domain/sync/protocol';

/**
 * What the session screen offers one person. The server decides again on every call and
 * every doc update; this only keeps the screen from offering what would be refused.
 */
export interface SessionPermissions {
  isFacilitator: boolean;
  isObserver: boolean;
  /** Writes to the shared board: not an observer, the board not locked (facilitators excepted), and the server allows edits. */
  canEditBoard: boolean;
  /** Facilitator-only board moves: status, order, merging, grouping, clusters, agreed criteria. */
  canOrganize: boolean;
  /** Writes the straw proposal (single text). */
  canDraftSingleText: boolean;
  /** Attaches a party's critique to the single text. */
  canCritique: boolean;
  canTakeFloor: boolean;
  canCallCaucus: boolean;
  /** A chief spokesperson decides whether the facilitators may enter the party's caucus. */
  canInviteFacilitators: boolean;
  canAnswerChecks: boolean;
}

export function sessionPermissions(state: Pick<SessionState, 'me' | 'isLocked'>, docAccess: DocAccess | null): SessionPermissions {
  const { role, party } = state.me;
  const isFacilitator = role === 'facilitator';
  const isObserver = role === 'observer';
  const isBargaining = isBargainingParty(party) && !isObserver;
  const canEditBoard = !isObserver && docAccess === 'edit' && (!state.isLocked || isFacilitator);
  return {
    isFacilitator,
    isObserver,
    canEditBoard,
    canOrganize: canEditBoard && isFacilitator,
    canDraftSingleText: canEditBoard && (isFacilitator || role === 'ta_drafter'),
    canCritique: canEditBoard && isBargaining,
    canTakeFloor: !isObserver,
    canCallCaucus: isBargaining,
    canInviteFacilitators: isBargaining && role === 'chief_spokesperson',
    canAnswerChecks: isBargaining && !isFacilitator,
  };
}
