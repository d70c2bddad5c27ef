'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireUser } from '@/server/auth/session';
import { runAction } from '@/server/http/action-result';
import type { ActionResult } from '@/server/http/action-result';
import { parseInput } from '@/server/http/parse-input';
import { createSession, createSessionInput } from '@/server/ibb/create-session';

/** Sets up a bargaining session and opens it; createSession checks the creator may. */
export async function createSessionAction(partnershipId: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  const result = await runAction('ibb-create-session', async () => {
    const user = await requireUser();
    const created = await createSession(user.id, partnershipId, parseInput(createSessionInput, input));
    revalidatePath(`/p/${partnershipId}`);
    return created;
  });
  // Outside runAction: redirect() works by throwing.
  if (result.ok) redirect(`/p/${partnershipId}/ibb/${result.data.id}`);
  return result;
}
