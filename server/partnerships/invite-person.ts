import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { invitations, memberships, users } from '../../db/schema';
import { AppError } from '../../domain/errors';
import { recordAudit } from '../audit/record-audit';
import { normalizeEmail } from '../auth/users';
import { assertValidMembershipShape, membershipShapeInput } from './membership-input';
import { requirePeopleManager } from './require-membership';

export const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export const invitePersonInput = membershipShapeInput.extend({
  email: z.string().trim().email().max(320),
  name: z.string().trim().max(200).optional(),
});
export type InvitePersonInput = z.input<typeof invitePersonInput>;

export interface InvitePersonResult {
  invitationId: string;
  /** The secret part of the link; shown once to the inviter, never stored in clear. */
  token: string;
  expiresAt: Date;
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Creates an invitation link for a person to join with a party and role.
 * Only facilitators and partnership admins may invite.
 */
export async function invitePerson(actorId: string, partnershipId: string, input: InvitePersonInput): Promise<InvitePersonResult> {
  await requirePeopleManager(actorId, partnershipId);
  const parsed = invitePersonInput.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]?.message ?? 'Invalid invitation');
  const data = parsed.data;
  const email = normalizeEmail(data.email);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);

  return getDb().transaction(async (tx) => {
    await assertValidMembershipShape(tx, partnershipId, data);
    const [existing] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(users.email, email), eq(memberships.partnershipId, partnershipId), isNull(memberships.revokedAt)))
      .limit(1);
    if (existing) throw new AppError('conflict', 'That person is already a member of this partnership');
    const [inv] = await tx
      .insert(invitations)
      .values({
        partnershipId,
        email,
        name: data.name || null,
        party: data.party,
        role: data.role,
        schoolId: data.schoolId,
        tokenHash: hashInvitationToken(token),
        invitedBy: actorId,
        expiresAt,
      })
      .returning({ id: invitations.id });
    if (!inv) throw new Error('insert returned no invitation');
    await recordAudit(tx, {
      partnershipId,
      actorId,
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: inv.id,
      detail: { email, party: data.party, role: data.role },
    });
    return { invitationId: inv.id, token, expiresAt };
  });
}
