'use server';

import { z } from 'zod';
import { requireUser } from '@/server/auth/session';
import { runAction } from '@/server/http/action-result';
import type { ActionResult } from '@/server/http/action-result';
import { parseInput } from '@/server/http/parse-input';
import { approveCommunique, proposeCommunique } from '@/server/ibb/communique';
import { answerCheckInput, answerConsensusCheck, openCheckInput, openConsensusCheck, retestConsensusCheck, revealConsensusCheck } from '@/server/ibb/consensus-checks';
import { evaluateInput, evaluateOption } from '@/server/ibb/evaluations';
import { initialTentativeAgreement, proposeTaInput, proposeTentativeAgreement, recordRatification } from '@/server/ibb/tentative-agreements';

// The records panels' actions (components/ibb/records). The page binds the session or
// record id; the person always comes from the session cookie, never from the input, and
// each server/ibb command checks their part in the session again.

const recordId = z.string().min(1).max(100);
/** What a signature binds to: the SHA-256 (hex) of the text the signer read. */
const signedText = z.object({ textHash: z.string().regex(/^[0-9a-f]{64}$/, 'not a text hash') });
const ratificationInput = z.object({ party: z.enum(['labor', 'management']), outcome: z.enum(['ratified', 'rejected']) });
const communiqueInput = z.object({ text: z.string().min(1).max(20_000) });

export async function openCheckAction(sessionId: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction('ibb-open-check', async () => {
    const user = await requireUser();
    return openConsensusCheck(user.id, parseInput(recordId, sessionId), parseInput(openCheckInput, input));
  });
}

export async function answerCheckAction(checkId: string, input: unknown): Promise<ActionResult> {
  return runAction('ibb-answer-check', async () => {
    const user = await requireUser();
    await answerConsensusCheck(user.id, parseInput(recordId, checkId), parseInput(answerCheckInput, input));
    return undefined;
  });
}

export async function revealCheckAction(checkId: string): Promise<ActionResult> {
  return runAction('ibb-reveal-check', async () => {
    const user = await requireUser();
    await revealConsensusCheck(user.id, parseInput(recordId, checkId));
    return undefined;
  });
}

export async function retestCheckAction(checkId: string): Promise<ActionResult<{ id: string }>> {
  return runAction('ibb-retest-check', async () => {
    const user = await requireUser();
    return retestConsensusCheck(user.id, parseInput(recordId, checkId));
  });
}

export async function proposeTaAction(sessionId: string, input: unknown): Promise<ActionResult<{ id: string; textHash: string }>> {
  return runAction('ibb-propose-ta', async () => {
    const user = await requireUser();
    return proposeTentativeAgreement(user.id, parseInput(recordId, sessionId), parseInput(proposeTaInput, input));
  });
}

export async function initialTaAction(taId: string, input: unknown): Promise<ActionResult<{ isFrozen: boolean }>> {
  return runAction('ibb-initial-ta', async () => {
    const user = await requireUser();
    return initialTentativeAgreement(user.id, parseInput(recordId, taId), parseInput(signedText, input));
  });
}

export async function ratifyTaAction(taId: string, input: unknown): Promise<ActionResult> {
  return runAction('ibb-ratify-ta', async () => {
    const user = await requireUser();
    await recordRatification(user.id, parseInput(recordId, taId), parseInput(ratificationInput, input));
    return undefined;
  });
}

export async function evaluateAction(sessionId: string, input: unknown): Promise<ActionResult> {
  return runAction('ibb-evaluate', async () => {
    const user = await requireUser();
    await evaluateOption(user.id, parseInput(recordId, sessionId), parseInput(evaluateInput, input));
    return undefined;
  });
}

export async function proposeCommuniqueAction(sessionId: string, input: unknown): Promise<ActionResult<{ id: string; textHash: string }>> {
  return runAction('ibb-propose-communique', async () => {
    const user = await requireUser();
    return proposeCommunique(user.id, parseInput(recordId, sessionId), parseInput(communiqueInput, input));
  });
}

export async function approveCommuniqueAction(communiqueId: string, input: unknown): Promise<ActionResult<{ isPublished: boolean }>> {
  return runAction('ibb-approve-communique', async () => {
    const user = await requireUser();
    return approveCommunique(user.id, parseInput(recordId, communiqueId), parseInput(signedText, input));
  });
}
