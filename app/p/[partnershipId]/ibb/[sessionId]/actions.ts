'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { readySubject } from '@/components/ibb/ready-subject';
import type { ControlRequest, Outcome, PostOptionRequest, SessionSnapshot } from '@/components/ibb/session-types';
import { IBB_PHASES } from '@/domain/ibb/session-rules';
import type { IbbPhase } from '@/domain/ibb/session-rules';
import { requireUser } from '@/server/auth/session';
import { runAction } from '@/server/http/action-result';
import { parseInput } from '@/server/http/parse-input';
import { callCaucus, endCaucus, setCaucusFacilitatorInvite } from '@/server/ibb/caucus';
import { openConsensusCheck } from '@/server/ibb/consensus-checks';
import { applyControl, endSpeakingTurn, handOffFacilitation, nextSpeaker, raiseHand } from '@/server/ibb/controls';
import { postOption, postOptionInput } from '@/server/ibb/post-option';
import { getSessionState } from '@/server/ibb/session-state';

// The session screen's actions. Each is bound to a session id by the page; the person
// comes from the session cookie and the server/ibb command checks their part in the
// session (a session someone is not in is not_found, the same as one that does not exist).

const userId = z.string().uuid();

export async function getSessionStateAction(sessionId: string): Promise<Outcome<SessionSnapshot>> {
  return runAction('ibb-state', async () => {
    const user = await requireUser();
    return { state: await getSessionState(user.id, sessionId), serverNow: Date.now() };
  });
}

/** Phase, lock, anonymity, spotlight and the timer; applyControl validates the request. */
export async function controlAction(sessionId: string, request: ControlRequest): Promise<Outcome> {
  return runAction('ibb-control', async () => {
    const user = await requireUser();
    await applyControl(user.id, sessionId, request);
    return undefined;
  });
}

export async function handOffAction(sessionId: string, toUserId: string): Promise<Outcome> {
  return runAction('ibb-handoff', async () => {
    const user = await requireUser();
    await handOffFacilitation(user.id, sessionId, parseInput(userId, toUserId));
    return undefined;
  });
}

export async function raiseHandAction(sessionId: string, isRaised: boolean): Promise<Outcome> {
  return runAction('ibb-hand', async () => {
    const user = await requireUser();
    await raiseHand(user.id, sessionId, parseInput(z.boolean(), isRaised));
    return undefined;
  });
}

/** Gives the floor to the first raised hand, or to the person chosen. */
export async function nextSpeakerAction(sessionId: string, chosen: string | null): Promise<Outcome> {
  return runAction('ibb-next-speaker', async () => {
    const user = await requireUser();
    await nextSpeaker(user.id, sessionId, parseInput(userId.nullable(), chosen) ?? undefined);
    return undefined;
  });
}

export async function endTurnAction(sessionId: string): Promise<Outcome> {
  return runAction('ibb-end-turn', async () => {
    const user = await requireUser();
    await endSpeakingTurn(user.id, sessionId);
    return undefined;
  });
}

export async function callCaucusAction(sessionId: string, minutes: number): Promise<Outcome> {
  return runAction('ibb-call-caucus', async () => {
    const user = await requireUser();
    await callCaucus(user.id, sessionId, { minutes: parseInput(z.number().int(), minutes) });
    return undefined;
  });
}

export async function endCaucusAction(sessionId: string): Promise<Outcome> {
  return runAction('ibb-end-caucus', async () => {
    const user = await requireUser();
    await endCaucus(user.id, sessionId);
    return undefined;
  });
}

export async function setCaucusInviteAction(sessionId: string, isInvited: boolean): Promise<Outcome> {
  return runAction('ibb-caucus-invite', async () => {
    const user = await requireUser();
    await setCaucusFacilitatorInvite(user.id, sessionId, parseInput(z.boolean(), isInvited));
    return undefined;
  });
}

/** A party-tagged or anonymous option: the server writes it so nothing ties it to the author. */
export async function postOptionAction(sessionId: string, request: PostOptionRequest): Promise<Outcome> {
  return runAction('ibb-post-option', async () => {
    const user = await requireUser();
    await postOption(user.id, sessionId, parseInput(postOptionInput, request));
    return undefined;
  });
}

/** "Ready to move on?": a thumbs check whose subject names the phase it is about. */
export async function openReadyCheckAction(sessionId: string, phase: IbbPhase): Promise<Outcome> {
  return runAction('ibb-ready-check', async () => {
    const user = await requireUser();
    const checked = parseInput(z.enum(IBB_PHASES), phase);
    const t = await getTranslations('ibbSession');
    await openConsensusCheck(user.id, sessionId, { subject: readySubject(checked), question: t('ready.question', { phase: t(`phases.${checked}`) }), kind: 'thumbs' });
    return undefined;
  });
}
