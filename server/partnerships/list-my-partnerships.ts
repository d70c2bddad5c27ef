import { and, asc, eq, isNull } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { memberships, partnerships } from '../../db/schema';
import type { Party, Role } from '../../domain/partnership/roles';

export interface MyPartnership {
  id: string;
  name: string;
  districtName: string;
  unionName: string;
  party: Party;
  role: Role;
}

/** Only partnerships where the person holds an active membership. */
export async function listMyPartnerships(userId: string): Promise<MyPartnership[]> {
  return getDb()
    .select({
      id: partnerships.id,
      name: partnerships.name,
      districtName: partnerships.districtName,
      unionName: partnerships.unionName,
      party: memberships.party,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(partnerships, eq(partnerships.id, memberships.partnershipId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.revokedAt)))
    .orderBy(asc(partnerships.name));
}
