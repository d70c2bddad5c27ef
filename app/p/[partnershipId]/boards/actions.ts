'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireUser } from '@/server/auth/session';
import { createBoard, createBoardInput } from '@/server/boards/create-board';
import { runAction } from '@/server/http/action-result';
import type { ActionResult } from '@/server/http/action-result';
import { formFields, parseInput } from '@/server/http/parse-input';

/**
 * Creates a team board and opens it. The party of a private board comes from the form
 * but createBoard accepts only the creator's own party; researchers are refused there too.
 */
export async function createBoardAction(partnershipId: string, form: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction('create-board', async () => {
    const user = await requireUser();
    const fields = formFields(form);
    const t = await getTranslations('boards.defaultColumns');
    const input = parseInput(createBoardInput, {
      title: fields.title,
      privateToParty: fields.privateToParty || null,
      columns: [t('ideas'), t('questions'), t('nextSteps')],
    });
    const board = await createBoard(user.id, partnershipId, input);
    revalidatePath(`/p/${partnershipId}`);
    return board;
  });
  // Outside runAction: redirect() works by throwing.
  if (result.ok) redirect(`/p/${partnershipId}/boards/${result.data.id}`);
  return result;
}
