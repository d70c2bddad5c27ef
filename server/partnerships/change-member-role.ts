import { and, eq, isNull, ne, or } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../db/client';
import type { Db } from '../../db/client';
import { memberships } from '../../db/schema';
import { AppError } from '../../domain/errors';
import { recordAudit } from '../audit/record-audit';
import { emitEvent } from '../events';
import { assertValidMembershipShape, membershipShapeInput } from './membership-input';
import { requirePeopleManager } from './require-membership';

export const changeMemberRoleInput = membershipShapeInput.extend({
  membershipId: z.string().uuid(),
  isAdmin: z.boolean().optional(),
});
export type ChangeMemberRoleInput = z.input<typeof changeMemberRoleInput>;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** A partnership always keeps at least one person who can manage people. */
export async function assertAnotherManagerRemains(tx: Tx, partnershipId: string, exceptMembershipId: string): Promise<void> {
  const [other] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.partnershipId, partnershipId),
        isNull(memberships.revokedAt),
        ne(memberships.id, exceptMembershipId),
        or(eq(memberships.isAdmin, true), eq(memberships.role, 'facilitator')),
      ),
    )
    .limit(1);
  if (!other) throw new AppError('last_manager', 'The partnership needs at least one facilitator or admin');
}

export async function changeMemberRole(actorId: string, partnershipId: string, input: ChangeMemberRoleInput): Promise<void> {
  await requirePeopleManager(actorId, partnershipId);
  const parsed = changeMemberRoleInput.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]?.message ?? 'Invalid change');
  const data = parsed.data;
  const changedUserId = await getDb().transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.id, data.membershipId), eq(memberships.partnershipId, partnershipId), isNull(memberships.revokedAt)))
      .for('update')
      .limit(1);
    if (!current) throw new AppError('not_found', 'Member not found');
    await assertValidMembershipShape(tx, partnershipId, data);
    const isAdmin = data.isAdmin ?? current.isAdmin;
    const wasManager = current.isAdmin || current.role === 'facilitator';
    const staysManager = isAdmin || data.role === 'facilitator';
    if (wasManager && !staysManager) await assertAnotherManagerRemains(tx, partnershipId, current.id);
    await tx
      .update(memberships)
      .set({ party: data.party, role: data.role, schoolId: data.schoolId, isAdmin })
      .where(eq(memberships.id, current.id));
    await recordAudit(tx, {
      partnershipId,
      actorId,
      action: 'membership.changed',
      targetType: 'membership',
      targetId: current.id,
      detail: {
        from: { party: current.party, role: current.role, schoolId: current.schoolId, isAdmin: current.isAdmin },
        to: { party: data.party, role: data.role, schoolId: data.schoolId, isAdmin },
      },
    });
    return current.userId;
  });
  emitEvent('membership:changed', { partnershipId, userId: changedUserId });
}
