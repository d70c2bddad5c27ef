import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { invitations, memberships } from '../../db/schema';
import { AppError } from '../../domain/errors';
import { recordAudit } from '../audit/record-audit';
import { emitEvent } from '../events';
import { assertAnotherManagerRemains } from './change-member-role';
import { requirePeopleManager } from './require-membership';

const id = z.string().uuid();

/**
 * Ends a membership. The row stays (revokedAt) so attribution of past work is kept;
 * the realtime layer hears membership:changed and disconnects the person's docs.
 */
export async function revokeMembership(actorId: string, partnershipId: string, membershipId: string): Promise<void> {
  await requirePeopleManager(actorId, partnershipId);
  if (!id.safeParse(membershipId).success) throw new AppError('not_found', 'Member not found');
  const userId = await getDb().transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.id, membershipId), eq(memberships.partnershipId, partnershipId), isNull(memberships.revokedAt)))
      .for('update')
      .limit(1);
    if (!current) throw new AppError('not_found', 'Member not found');
    if (current.isAdmin || current.role === 'facilitator') await assertAnotherManagerRemains(tx, partnershipId, current.id);
    await tx.update(memberships).set({ revokedAt: new Date() }).where(eq(memberships.id, current.id));
    await recordAudit(tx, {
      partnershipId,
      actorId,
      action: 'membership.revoked',
      targetType: 'membership',
      targetId: current.id,
      detail: { userId: current.userId, party: current.party, role: current.role },
    });
    return current.userId;
  });
  emitEvent('membership:changed', { partnershipId, userId });
}

export async function revokeInvitation(actorId: string, partnershipId: string, invitationId: string): Promise<void> {
  await requirePeopleManager(actorId, partnershipId);
  if (!id.safeParse(invitationId).success) throw new AppError('not_found', 'Invitation not found');
  await getDb().transaction(async (tx) => {
    const [inv] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.partnershipId, partnershipId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id });
    if (!inv) throw new AppError('not_found', 'Invitation not found');
    await recordAudit(tx, { partnershipId, actorId, action: 'invitation.revoked', targetType: 'invitation', targetId: inv.id });
  });
}
