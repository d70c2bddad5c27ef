'use server';

import { revalidatePath } from 'next/cache';
import { requireUser } from '@/server/auth/session';
import { env } from '@/server/env';
import { runAction } from '@/server/http/action-result';
import type { ActionResult } from '@/server/http/action-result';
import { changeMemberRole, changeMemberRoleInput } from '@/server/partnerships/change-member-role';
import { invitePerson, invitePersonInput } from '@/server/partnerships/invite-person';
import { formFields, parseInput } from '@/server/http/parse-input';
import { revokeInvitation, revokeMembership } from '@/server/partnerships/revoke-membership';

// Every action re-checks the session and the actor's right to manage this partnership's
// people inside the domain function; the partnership id comes from the bound argument.

export async function inviteAction(partnershipId: string, form: FormData): Promise<ActionResult<{ url: string; email: string }>> {
  return runAction('invite', async () => {
    const user = await requireUser();
    const input = parseInput(invitePersonInput, formFields(form));
    const result = await invitePerson(user.id, partnershipId, input);
    revalidatePath(`/p/${partnershipId}/people`);
    return { url: `${env().publicUrl}/invite/${result.token}`, email: input.email.toLowerCase() };
  });
}

export async function changeRoleAction(partnershipId: string, form: FormData): Promise<ActionResult> {
  return runAction('change-role', async () => {
    const user = await requireUser();
    const fields = formFields(form);
    const input = parseInput(changeMemberRoleInput, { ...fields, isAdmin: fields.isAdmin === 'on' });
    await changeMemberRole(user.id, partnershipId, input);
    revalidatePath(`/p/${partnershipId}/people`);
    return undefined;
  });
}

export async function revokeMemberAction(partnershipId: string, membershipId: string): Promise<ActionResult> {
  return runAction('revoke-member', async () => {
    const user = await requireUser();
    await revokeMembership(user.id, partnershipId, membershipId);
    revalidatePath(`/p/${partnershipId}/people`);
    return undefined;
  });
}

export async function revokeInvitationAction(partnershipId: string, invitationId: string): Promise<ActionResult> {
  return runAction('revoke-invitation', async () => {
    const user = await requireUser();
    await revokeInvitation(user.id, partnershipId, invitationId);
    revalidatePath(`/p/${partnershipId}/people`);
    return undefined;
  });
}
