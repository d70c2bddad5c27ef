/**
 * Parties and roles of a partnership (../shared/DOMAIN.md, "The people").
 * Every person belongs to exactly one party; each role belongs to the parties listed here.
 */
export const PARTIES = ['labor', 'management', 'neutral', 'community'] as const;
export type Party = (typeof PARTIES)[number];

export const ROLES = [
  'union_president',
  'superintendent',
  'building_representative',
  'principal',
  'teacher',
  'administrator',
  'school_committee_member',
  'community_partner',
  'facilitator',
  'researcher',
] as const;
export type Role = (typeof ROLES)[number];

const ROLE_PARTIES: Record<Role, readonly Party[]> = {
  union_president: ['labor'],
  building_representative: ['labor'],
  teacher: ['labor'],
  superintendent: ['management'],
  principal: ['management'],
  administrator: ['management'],
  school_committee_member: ['management'],
  community_partner: ['community'],
  facilitator: ['neutral'],
  researcher: ['neutral'],
};

/** Roles that only make sense attached to one school. */
const SCHOOL_ROLES: readonly Role[] = ['building_representative', 'principal'];

export function partiesForRole(role: Role): readonly Party[] {
  return ROLE_PARTIES[role];
}

export function isRoleAllowedForParty(role: Role, party: Party): boolean {
  return ROLE_PARTIES[role].includes(party);
}

export function requiresSchool(role: Role): boolean {
  return SCHOOL_ROLES.includes(role);
}

/** Facilitators run the partnership's process; they (and flagged admins) manage people. */
export function canManagePeople(member: { role: Role; isAdmin: boolean }): boolean {
  return member.isAdmin || member.role === 'facilitator';
}

export type MembershipProblem = 'role_party_mismatch' | 'school_required';

/** Checks a party/role/school combination; returns the first problem or null. */
export function checkMembershipShape(input: {
  party: Party;
  role: Role;
  schoolId: string | null;
}): MembershipProblem | null {
  if (!isRoleAllowedForParty(input.role, input.party)) return 'role_party_mismatch';
  if (requiresSchool(input.role) && !input.schoolId) return 'school_required';
  return null;
}

/** Researchers observe shared boards; every other role edits them (and may start one). */
export function canEditBoards(role: Role): boolean {
  return role !== 'researcher';
}
