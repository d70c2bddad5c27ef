import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { invitations, memberships, partnerships, schools, users } from '../../db/schema';
import { AppError } from '../../domain/errors';
import type { Party, Role } from '../../domain/partnership/roles';
import { recordAudit } from '../audit/record-audit';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, hashPassword, verifyPassword } from '../auth/password';
import { emitEvent } from '../events';
import { hashInvitationToken } from './invite-person';

export interface InvitationPreview {
  partnershipId: string;
  partnershipName: string;
  email: string;
  name: string | null;
  party: Party;
  role: Role;
  schoolName: string | null;
  /** True when the email already has a password: the invitee confirms it instead of choosing one. */
  hasAccount: boolean;
}

const tokenShape = z.string().min(20).max(100).regex(/^[A-Za-z0-9_-]+$/);

type InvitationRow = typeof invitations.$inferSelect;

function assertUsable(inv: InvitationRow | undefined): InvitationRow {
  if (!inv || inv.revokedAt) throw new AppError('invitation_invalid', 'This invitation link is not valid');
  if (inv.acceptedAt) throw new AppError('invitation_used', 'This invitation has already been used');
  if (inv.expiresAt.getTime() <= Date.now()) throw new AppError('invitation_expired', 'This invitation has expired');
  return inv;
}

/** What the invitation page shows before the person accepts. */
export async function getInvitationPreview(token: string): Promise<InvitationPreview> {
  if (!tokenShape.safeParse(token).success) throw new AppError('invitation_invalid', 'This invitation link is not valid');
  const db = getDb();
  const [row] = await db
    .select({ inv: invitations, partnershipName: partnerships.name, schoolName: schools.name })
    .from(invitations)
    .innerJoin(partnerships, eq(partnerships.id, invitations.partnershipId))
    .leftJoin(schools, eq(schools.id, invitations.schoolId))
    .where(eq(invitations.tokenHash, hashInvitationToken(token)))
    .limit(1);
  const inv = assertUsable(row?.inv);
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.email, inv.email)).limit(1);
  return {
    partnershipId: inv.partnershipId,
    partnershipName: row?.partnershipName ?? '',
    email: inv.email,
    name: inv.name,
    party: inv.party,
    role: inv.role,
    schoolName: row?.schoolName ?? null,
    hasAccount: Boolean(user?.passwordHash),
  };
}

export const acceptInvitationInput = z.object({
  token: tokenShape,
  name: z.string().trim().min(1).max(200),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
});
export type AcceptInvitationInput = z.input<typeof acceptInvitationInput>;

export interface AcceptInvitationResult {
  userId: string;
  email: string;
  partnershipId: string;
}

/**
 * Accepts an invitation: creates the account (or confirms the existing one's password)
 * and the membership, and marks the invitation used — all in one transaction with the
 * invitation row locked, so a link can be used exactly once even when clicked twice.
 */
export async function acceptInvitation(input: AcceptInvitationInput): Promise<AcceptInvitationResult> {
  const parsed = acceptInvitationInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.path[0] === 'token') throw new AppError('invitation_invalid', 'This invitation link is not valid');
    throw new AppError('bad_request', issue?.path[0] === 'password' ? 'password_too_short' : 'name_required');
  }
  const { token, name, password } = parsed.data;
  // Hash outside the transaction: it is slow on purpose and must not hold row locks.
  const newHash = await hashPassword(password);

  const result = await getDb().transaction(async (tx) => {
    const [locked] = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, hashInvitationToken(token)))
      .for('update')
      .limit(1);
    const inv = assertUsable(locked);
    const [existing] = await tx.select().from(users).where(eq(users.email, inv.email)).limit(1);
    let userId: string;
    if (existing) {
      if (existing.disabledAt) throw new AppError('invitation_invalid', 'This invitation link is not valid');
      if (existing.passwordHash) {
        if (!(await verifyPassword(password, existing.passwordHash))) {
          throw new AppError('bad_request', 'existing_password_wrong');
        }
      } else {
        await tx.update(users).set({ passwordHash: newHash, name }).where(eq(users.id, existing.id));
      }
      userId = existing.id;
    } else {
      const [created] = await tx
        .insert(users)
        .values({ email: inv.email, name, passwordHash: newHash })
        .returning({ id: users.id });
      if (!created) throw new Error('insert returned no user');
      userId = created.id;
    }
    const [active] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.partnershipId, inv.partnershipId), eq(memberships.userId, userId), isNull(memberships.revokedAt)))
      .limit(1);
    if (!active) {
      await tx.insert(memberships).values({
        partnershipId: inv.partnershipId,
        userId,
        party: inv.party,
        role: inv.role,
        schoolId: inv.schoolId,
      });
    }
    await tx
      .update(invitations)
      .set({ acceptedAt: new Date(), acceptedBy: userId })
      .where(eq(invitations.id, inv.id));
    await recordAudit(tx, {
      partnershipId: inv.partnershipId,
      actorId: userId,
      action: 'invitation.accepted',
      targetType: 'invitation',
      targetId: inv.id,
    });
    return { userId, email: inv.email, partnershipId: inv.partnershipId };
  });
  emitEvent('membership:changed', { partnershipId: result.partnershipId, userId: result.userId });
  return result;
}
