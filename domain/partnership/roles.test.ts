import { describe, expect, it } from 'vitest';
import { ROLES, canManagePeople, checkMembershipShape, isRoleAllowedForParty, partiesForRole } from './roles';

describe('roles and parties', () => {
  it('gives every role at least one party', () => {
    for (const role of ROLES) expect(partiesForRole(role).length).toBeGreaterThan(0);
  });

  it('keeps union roles in labor and district roles in management', () => {
    expect(isRoleAllowedForParty('union_president', 'labor')).toBe(true);
    expect(isRoleAllowedForParty('union_president', 'management')).toBe(false);
    expect(isRoleAllowedForParty('superintendent', 'management')).toBe(true);
    expect(isRoleAllowedForParty('facilitator', 'neutral')).toBe(true);
    expect(isRoleAllowedForParty('facilitator', 'labor')).toBe(false);
  });

  it('rejects a principal or building representative without a school', () => {
    expect(checkMembershipShape({ party: 'management', role: 'principal', schoolId: null })).toBe('school_required');
    expect(checkMembershipShape({ party: 'labor', role: 'building_representative', schoolId: 's1' })).toBeNull();
    expect(checkMembershipShape({ party: 'labor', role: 'principal', schoolId: 's1' })).toBe('role_party_mismatch');
  });

  it('lets facilitators and admins manage people, nobody else', () => {
    expect(canManagePeople({ role: 'facilitator', isAdmin: false })).toBe(true);
    expect(canManagePeople({ role: 'teacher', isAdmin: true })).toBe(true);
    expect(canManagePeople({ role: 'superintendent', isAdmin: false })).toBe(false);
  });
});
