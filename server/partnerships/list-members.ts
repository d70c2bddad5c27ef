import { and, asc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { invitations, memberships, schools, users } from '../../db/schema';
import type { Party, Role } from '../../domain/partnership/roles';
import type { Membership } from './require-membership';

export interface MemberRow {
  membershipId: string;
  userId: string;
  name: string;
  /** Only shown to people managers. */
  email: string | null;
  party: Party;
  role: Role;
  schoolId: string | null;
  schoolName: string | null;
  isAdmin: boolean;
  isPending: boolean;
}

export interface ListMembersOptions {
  query?: string;
  party?: Party;
  limit?: number;
  offset?: number;
}

export interface PendingInvitation {
  id: string;
  email: string;
  party: Party;
  role: Role;
  schoolName: string | null;
  expiresAt: Date;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Active members of the viewer's partnership, searchable by name, email, role or school. */
export async function listMembers(
  viewer: Membership,
  options: ListMembersOptions = {},
): Promise<{ rows: MemberRow[]; total: number }> {
  const db = getDb();
  const q = options.query?.trim();
  const pattern = q ? `%${escapeLike(q)}%` : null;
  const where = and(
    eq(memberships.partnershipId, viewer.partnershipId),
    isNull(memberships.revokedAt),
    options.party ? eq(memberships.party, options.party) : undefined,
    pattern
      ? or(
          ilike(users.name, pattern),
          viewer.canManagePeople ? ilike(users.email, pattern) : undefined,
          ilike(schools.name, pattern),
          ilike(sql`replace(${memberships.role}::text, '_', ' ')`, pattern),
        )
      : undefined,
  );
  const base = db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      party: memberships.party,
      role: memberships.role,
      schoolId: memberships.schoolId,
      schoolName: schools.name,
      isAdmin: memberships.isAdmin,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(schools, eq(schools.id, memberships.schoolId))
    .where(where);
  const rows = await base
    .orderBy(asc(users.name))
    .limit(Math.min(options.limit ?? 50, 200))
    .offset(options.offset ?? 0);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(schools, eq(schools.id, memberships.schoolId))
    .where(where);
  return {
    total: count?.n ?? 0,
    rows: rows.map((r) => ({ ...r, email: viewer.canManagePeople ? r.email : null, isPending: false })),
  };
}

/** Invitations not yet accepted, revoked or expired; managers only. */
export async function listPendingInvitations(viewer: Membership): Promise<PendingInvitation[]> {
  if (!viewer.canManagePeople) return [];
  return getDb()
    .select({
      id: invitations.id,
      email: invitations.email,
      party: invitations.party,
      role: invitations.role,
      schoolName: schools.name,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .leftJoin(schools, eq(schools.id, invitations.schoolId))
    .where(
      and(
        eq(invitations.partnershipId, viewer.partnershipId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        sql`${invitations.expiresAt} > now()`,
      ),
    )
    .orderBy(asc(invitations.createdAt));
}
