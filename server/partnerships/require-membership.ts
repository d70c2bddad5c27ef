import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { preparedPerDb } from '../../db/prepared';
import { memberships, partnerships } from '../../db/schema';
import { AppError } from '../../domain/errors';
import type { Party, Role } from '../../domain/partnership/roles';
import { canManagePeople } from '../../domain/partnership/roles';

export interface Membership {
  id: string;
  partnershipId: string;
  partnershipName: string;
  userId: string;
  party: Party;
  role: Role;
  schoolId: string | null;
  isAdmin: boolean;
  canManagePeople: boolean;
}

const uuid = z.string().uuid();

/** Checked on every page, API call and socket access refresh: prepared once. */
const membershipQuery = preparedPerDb((db) =>
  db
    .select({
      id: memberships.id,
      partnershipId: memberships.partnershipId,
      partnershipName: partnerships.name,
      userId: memberships.userId,
      party: memberships.party,
      role: memberships.role,
      schoolId: memberships.schoolId,
      isAdmin: memberships.isAdmin,
    })
    .from(memberships)
    .innerJoin(partnerships, eq(partnerships.id, memberships.partnershipId))
    .where(
      and(
        eq(memberships.partnershipId, sql.placeholder('partnershipId')),
        eq(memberships.userId, sql.placeholder('userId')),
        isNull(memberships.revokedAt),
      ),
    )
    .limit(1)
    .prepare('accord_require_membership'),
);

/**
 * The caller's active membership of a partnership. Unknown ids, malformed ids and
 * partnerships the caller does not belong to all give the same not_found, so nobody
 * can probe which partnerships exist.
 */
export async function requireMembership(userId: string, partnershipId: string): Promise<Membership> {
  if (!uuid.safeParse(partnershipId).success) throw new AppError('not_found', 'Partnership not found');
  const [row] = await membershipQuery().execute({ partnershipId, userId });
  if (!row) throw new AppError('not_found', 'Partnership not found');
  return { ...row, canManagePeople: canManagePeople(row) };
}

export async function requirePeopleManager(userId: string, partnershipId: string): Promise<Membership> {
  const m = await requireMembership(userId, partnershipId);
  if (!m.canManagePeople) throw new AppError('forbidden', 'Only facilitators and partnership admins can manage people');
  return m;
}
