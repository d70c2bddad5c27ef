import { SessionScreen } from '@/components/ibb/session-screen';
import type { RecordActions, SessionActions } from '@/components/ibb/session-types';
import {
  callCaucusAction,
  controlAction,
  endCaucusAction,
  endTurnAction,
  getSessionStateAction,
  handOffAction,
  nextSpeakerAction,
  openReadyCheckAction,
  postOptionAction,
  raiseHandAction,
  setCaucusInviteAction,
} from './actions';
import { loadSessionPage } from './load-session';
import {
  answerCheckAction,
  approveCommuniqueAction,
  evaluateAction,
  initialTaAction,
  openCheckAction,
  proposeCommuniqueAction,
  proposeTaAction,
  ratifyTaAction,
  retestCheckAction,
  revealCheckAction,
} from './record-actions';

type Params = Promise<{ partnershipId: string; sessionId: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  const { partnershipId, sessionId } = await params;
  const { state } = await loadSessionPage(partnershipId, sessionId);
  return { title: state.title };
}

export default async function SessionPage({ params }: { params: Params }) {
  const { partnershipId, sessionId } = await params;
  const { user, membership, state, serverNow } = await loadSessionPage(partnershipId, sessionId);
  const actions: SessionActions = {
    load: getSessionStateAction.bind(null, sessionId),
    control: controlAction.bind(null, sessionId),
    handOff: handOffAction.bind(null, sessionId),
    raiseHand: raiseHandAction.bind(null, sessionId),
    nextSpeaker: nextSpeakerAction.bind(null, sessionId),
    endTurn: endTurnAction.bind(null, sessionId),
    callCaucus: callCaucusAction.bind(null, sessionId),
    endCaucus: endCaucusAction.bind(null, sessionId),
    setCaucusInvite: setCaucusInviteAction.bind(null, sessionId),
    postOption: postOptionAction.bind(null, sessionId),
    openReadyCheck: openReadyCheckAction.bind(null, sessionId),
  };
  const records: RecordActions = {
    onOpenCheck: openCheckAction.bind(null, sessionId),
    onAnswer: answerCheckAction,
    onReveal: revealCheckAction,
    onRetest: retestCheckAction,
    agreements: { onPropose: proposeTaAction.bind(null, sessionId), onInitial: initialTaAction, onRatify: ratifyTaAction },
    onEvaluate: evaluateAction.bind(null, sessionId),
    onProposeCommunique: proposeCommuniqueAction.bind(null, sessionId),
    onApproveCommunique: approveCommuniqueAction,
  };
  return (
    <SessionScreen
      // Another session is another doc: remount rather than carry this one's state over.
      key={state.id}
      partnershipId={partnershipId}
      initial={{ state, serverNow }}
      self={{ id: user.id, name: user.name, party: membership.party }}
      actions={actions}
      records={records}
    />
  );
}
