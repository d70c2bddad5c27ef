import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { memberships, partnerships, schools } from '../../db/schema';
import { AppError } from '../../domain/errors';
import type { Membership } from './require-membership';

export interface PartnershipOverview {
  id: string;
  name: string;
  districtName: string;
  unionName: string;
  schoolCount: number;
  memberCountByParty: Record<string, number>;
}

/** The partnership home's facts; the caller has already proved membership. */
export async function getPartnershipOverview(membership: Membership): Promise<PartnershipOverview> {
  const db = getDb();
  const [p] = await db.select().from(partnerships).where(eq(partnerships.id, membership.partnershipId)).limit(1);
  if (!p) throw new AppError('not_found', 'Partnership not found');
  const [schoolCount] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(schools)
    .where(eq(schools.partnershipId, p.id));
  const byParty = await db
    .select({ party: memberships.party, n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.partnershipId, p.id), isNull(memberships.revokedAt)))
    .groupBy(memberships.party);
  return {
    id: p.id,
    name: p.name,
    districtName: p.districtName,
    unionName: p.unionName,
    schoolCount: schoolCount?.n ?? 0,
    memberCountByParty: Object.fromEntries(byParty.map((r) => [r.party, r.n])),
  };
}

export async function listSchools(partnershipId: string): Promise<{ id: string; name: string }[]> {
  return getDb()
    .select({ id: schools.id, name: schools.name })
    .from(schools)
    .where(eq(schools.partnershipId, partnershipId))
    .orderBy(asc(schools.name));
}
