import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { memberships, partnerships, schools, users } from '../../db/schema';
import type { Party, Role } from '../../domain/partnership/roles';
import { hashPassword } from '../auth/password';
import { recordAudit } from '../audit/record-audit';
import { DEMO_DOMAIN, DEMO_PARTNERSHIP, DEMO_PASSWORD, DEMO_SCHOOLS, DEMO_SIGN_INS, demoName, slug } from './demo-data';

const TEACHERS_PER_SCHOOL = 3;

interface PersonSpec {
  email: string;
  name: string;
  party: Party;
  role: Role;
  schoolIndex: number | null;
  isAdmin?: boolean;
}

function demoPeople(): PersonSpec[] {
  const people: PersonSpec[] = DEMO_SIGN_INS.map((p) => ({ ...p, schoolIndex: null }));
  const central: [string, Party, Role][] = [
    ['Robert Chu', 'management', 'administrator'],
    ['Lena Fischer', 'management', 'administrator'],
    ['Marcus Bell', 'management', 'administrator'],
    ['Helen Ortiz', 'management', 'school_committee_member'],
    ['Samuel Greene', 'management', 'school_committee_member'],
    ['Teresa Molina', 'community', 'community_partner'],
    ['Kofi Mensah', 'labor', 'teacher'],
  ];
  for (const [name, party, role] of central) people.push({ email: `${slug(name)}@${DEMO_DOMAIN}`, name, party, role, schoolIndex: null });
  let n = 0;
  DEMO_SCHOOLS.forEach((school, i) => {
    const tag = slug(school.name.replace(/ (Elementary|Middle School|High School)$/, ''));
    people.push({ email: `principal.${tag}@${DEMO_DOMAIN}`, name: demoName(n++), party: 'management', role: 'principal', schoolIndex: i });
    people.push({ email: `rep.${tag}@${DEMO_DOMAIN}`, name: demoName(n++), party: 'labor', role: 'building_representative', schoolIndex: i });
    for (let t = 1; t <= TEACHERS_PER_SCHOOL; t++) {
      people.push({ email: `teacher${t}.${tag}@${DEMO_DOMAIN}`, name: demoName(n++), party: 'labor', role: 'teacher', schoolIndex: i });
    }
  });
  return people;
}

export interface SeedResult {
  seeded: boolean;
  reason?: string;
  partnershipId?: string;
  people?: number;
}

/**
 * Seeds the demo partnership — only into an empty database. The check and the inserts
 * run in one transaction under an advisory lock so two nodes starting together seed once.
 */
export async function seedDemo(db: Db): Promise<SeedResult> {
  // One hash for every demo account: these share a published password anyway, and
  // 150 memory-hard hashes would slow the first start for nothing.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727002)`);
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
    if ((count?.n ?? 0) > 0) return { seeded: false, reason: 'the database already has data' };

    const [p] = await tx.insert(partnerships).values(DEMO_PARTNERSHIP).returning({ id: partnerships.id });
    if (!p) throw new Error('insert returned no partnership');
    const schoolRows = await tx
      .insert(schools)
      .values(DEMO_SCHOOLS.map((s) => ({ ...s, partnershipId: p.id })))
      .returning({ id: schools.id });
    const people = demoPeople();
    const userRows = await tx
      .insert(users)
      .values(people.map((person) => ({ email: person.email, name: person.name, passwordHash })))
      .returning({ id: users.id, email: users.email });
    const idByEmail = new Map(userRows.map((u) => [u.email, u.id]));
    await tx.insert(memberships).values(
      people.map((person) => {
        const userId = idByEmail.get(person.email);
        if (!userId) throw new Error(`seeded user missing: ${person.email}`);
        const schoolId = person.schoolIndex === null ? null : (schoolRows[person.schoolIndex]?.id ?? null);
        return { partnershipId: p.id, userId, party: person.party, role: person.role, schoolId, isAdmin: person.isAdmin ?? false };
      }),
    );
    await recordAudit(tx, { partnershipId: p.id, actorId: null, action: 'demo.seeded', detail: { people: people.length } });
    return { seeded: true, partnershipId: p.id, people: people.length };
  });
}
