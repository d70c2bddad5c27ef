import { randomBytes } from 'node:crypto';
import { getDb } from '../../db/client';
import { memberships, users } from '../../db/schema';
import type { Party, Role } from '../../domain/partnership/roles';
import { hashPassword } from '../../server/auth/password';
import { createPartnership } from '../../server/partnerships/create-partnership';

export const TEST_PASSWORD = 'correct-horse-battery';

let cachedHash: Promise<string> | null = null;
function testPasswordHash(): Promise<string> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return cachedHash;
}

function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function buildPartnership(overrides: { name?: string; schools?: number } = {}) {
  const name = overrides.name ?? unique('Partnership');
  return createPartnership({
    name,
    districtName: `${name} District`,
    unionName: `${name} Teachers Association`,
    schools: Array.from({ length: overrides.schools ?? 2 }, (_, i) => ({ name: `${name} School ${i + 1}`, level: 'elementary' as const })),
  });
}

export interface BuiltUser {
  id: string;
  email: string;
  name: string;
  password: string;
  membershipId: string | null;
}

/** A person with a password and, when a partnership is given, an active membership. */
export async function buildUser(
  options: { partnershipId?: string; party?: Party; role?: Role; schoolId?: string | null; isAdmin?: boolean; name?: string } = {},
): Promise<BuiltUser> {
  const db = getDb();
  const name = options.name ?? unique('Person');
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@test.example`;
  const [user] = await db.insert(users).values({ email, name, passwordHash: await testPasswordHash() }).returning({ id: users.id });
  if (!user) throw new Error('no user');
  let membershipId: string | null = null;
  if (options.partnershipId) {
    const [m] = await db
      .insert(memberships)
      .values({
        partnershipId: options.partnershipId,
        userId: user.id,
        party: options.party ?? 'labor',
        role: options.role ?? 'teacher',
        schoolId: options.schoolId ?? null,
        isAdmin: options.isAdmin ?? false,
      })
      .returning({ id: memberships.id });
    membershipId = m?.id ?? null;
  }
  return { id: user.id, email, name, password: TEST_PASSWORD, membershipId };
}

export function buildFacilitator(partnershipId: string) {
  return buildUser({ partnershipId, party: 'neutral', role: 'facilitator' });
}
