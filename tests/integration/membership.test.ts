import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invitations, memberships, users } from '../../db/schema';
import { AppError } from '../../domain/errors';
import { acceptInvitation, getInvitationPreview } from '../../server/partnerships/accept-invitation';
import { changeMemberRole } from '../../server/partnerships/change-member-role';
import { invitePerson } from '../../server/partnerships/invite-person';
import { listMembers } from '../../server/partnerships/list-members';
import { listMyPartnerships } from '../../server/partnerships/list-my-partnerships';
import { requireMembership } from '../../server/partnerships/require-membership';
import { revokeMembership } from '../../server/partnerships/revoke-membership';
import { describeEachBackend } from '../support/db';
import { buildFacilitator, buildPartnership, buildUser } from '../support/factories';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'no error';
}

describeEachBackend('membership rules', ({ db }) => {
  describe('who sees a partnership', () => {
    it('lists only partnerships the person belongs to and refuses others with not_found', async () => {
      const a = await buildPartnership();
      const b = await buildPartnership();
      const person = await buildUser({ partnershipId: a.id });
      expect((await listMyPartnerships(person.id)).map((p) => p.id)).toEqual([a.id]);
      expect(await codeOf(requireMembership(person.id, b.id))).toBe('not_found');
      expect(await codeOf(requireMembership(person.id, 'not-a-uuid'))).toBe('not_found');
      expect(await codeOf(requireMembership(person.id, '00000000-0000-4000-8000-000000000000'))).toBe('not_found');
    });

    it('hides email addresses from people who cannot manage people', async () => {
      const p = await buildPartnership();
      const fac = await buildFacilitator(p.id);
      const teacher = await buildUser({ partnershipId: p.id });
      const asTeacher = await listMembers(await requireMembership(teacher.id, p.id));
      expect(asTeacher.rows.every((r) => r.email === null)).toBe(true);
      const asFac = await listMembers(await requireMembership(fac.id, p.id), { query: teacher.name.slice(0, 12) });
      expect(asFac.rows.map((r) => r.email)).toContain(teacher.email);
    });

    it('searches by name, role and school, and treats % and _ literally', async () => {
      const p = await buildPartnership({ schools: 2 });
      const fac = await buildFacilitator(p.id);
      await buildUser({ partnershipId: p.id, party: 'management', role: 'principal', schoolId: p.schoolIds[1] ?? null, name: 'Zelda Principal' });
      const viewer = await requireMembership(fac.id, p.id);
      expect((await listMembers(viewer, { query: 'zelda' })).total).toBe(1);
      expect((await listMembers(viewer, { query: 'School 2' })).total).toBe(1);
      expect((await listMembers(viewer, { query: 'principal' })).total).toBe(1);
      expect((await listMembers(viewer, { query: '%' })).total).toBe(0);
    });
  });

  describe('invitations', () => {
    it('only facilitators and admins can invite; role must fit party; school must be this partnership’s', async () => {
      const p = await buildPartnership();
      const other = await buildPartnership();
      const fac = await buildFacilitator(p.id);
      const teacher = await buildUser({ partnershipId: p.id });
      const base = { email: 'new.person@test.example', party: 'labor' as const, role: 'teacher' as const };
      expect(await codeOf(invitePerson(teacher.id, p.id, base))).toBe('forbidden');
      expect(await codeOf(invitePerson(fac.id, other.id, base))).toBe('not_found');
      expect(await codeOf(invitePerson(fac.id, p.id, { ...base, party: 'management' }))).toBe('role_party_mismatch');
      expect(await codeOf(invitePerson(fac.id, p.id, { ...base, party: 'management', role: 'principal' }))).toBe('school_required');
      expect(
        await codeOf(invitePerson(fac.id, p.id, { ...base, party: 'management', role: 'principal', schoolId: other.schoolIds[0] ?? null })),
      ).toBe('bad_request');
      expect(await codeOf(invitePerson(fac.id, p.id, { ...base, email: 'not an email' }))).toBe('bad_request');
      expect(await codeOf(invitePerson(fac.id, p.id, { ...base, email: teacher.email }))).toBe('conflict');
    });

    it('stores only a hash of the token and lets the link be used exactly once', async () => {
      const p = await buildPartnership();
      const fac = await buildFacilitator(p.id);
      const inv = await invitePerson(fac.id, p.id, { email: 'Once.Only@Test.Example', party: 'labor', role: 'teacher' });
      const [row] = await db().select().from(invitations).where(eq(invitations.id, inv.invitationId));
      expect(row?.tokenHash).not.toContain(inv.token);
      expect(row?.email).toBe('once.only@test.example');
      const preview = await getInvitationPreview(inv.token);
      expect(preview).toMatchObject({ partnershipId: p.id, role: 'teacher', party: 'labor', hasAccount: false });

      const results = await Promise.allSettled([
        acceptInvitation({ token: inv.token, name: 'Once Only', password: 'a-long-password' }),
        acceptInvitation({ token: inv.token, name: 'Once Only', password: 'a-long-password' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const failed = results.find((r) => r.status === 'rejected');
      expect(failed?.status === 'rejected' && failed.reason instanceof AppError && failed.reason.code).toBe('invitation_used');
      const [user] = await db().select().from(users).where(eq(users.email, 'once.only@test.example'));
      expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
      const m = await requireMembership(user?.id ?? '', p.id);
      expect(m).toMatchObject({ party: 'labor', role: 'teacher' });
    });

    it('refuses expired, unknown and malformed links, and short passwords', async () => {
      const p = await buildPartnership();
      const fac = await buildFacilitator(p.id);
      const inv = await invitePerson(fac.id, p.id, { email: 'late@test.example', party: 'labor', role: 'teacher' });
      expect(await codeOf(acceptInvitation({ token: inv.token, name: 'Late', password: 'short' }))).toBe('bad_request');
      await db().update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, inv.invitationId));
      expect(await codeOf(acceptInvitation({ token: inv.token, name: 'Late', password: 'a-long-password' }))).toBe('invitation_expired');
      expect(await codeOf(getInvitationPreview('x'.repeat(43)))).toBe('invitation_invalid');
      expect(await codeOf(getInvitationPreview('<script>'))).toBe('invitation_invalid');
    });

    it('asks an existing account for its own password instead of replacing it', async () => {
      const a = await buildPartnership();
      const b = await buildPartnership();
      const facB = await buildFacilitator(b.id);
      const person = await buildUser({ partnershipId: a.id });
      const inv = await invitePerson(facB.id, b.id, { email: person.email, party: 'labor', role: 'teacher' });
      expect((await getInvitationPreview(inv.token)).hasAccount).toBe(true);
      const wrong = acceptInvitation({ token: inv.token, name: person.name, password: 'not-their-password' });
      await expect(wrong).rejects.toMatchObject({ code: 'bad_request', message: 'existing_password_wrong' });
      await acceptInvitation({ token: inv.token, name: person.name, password: person.password });
      expect((await listMyPartnerships(person.id)).map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
    });
  });

  describe('changing roles and revoking', () => {
    it('changes a role, validates it, and keeps at least one manager', async () => {
      const p = await buildPartnership();
      const fac = await buildFacilitator(p.id);
      const teacher = await buildUser({ partnershipId: p.id });
      const teacherMembership = teacher.membershipId ?? '';
      await changeMemberRole(fac.id, p.id, { membershipId: teacherMembership, party: 'labor', role: 'building_representative', schoolId: p.schoolIds[0] ?? null });
      expect(await requireMembership(teacher.id, p.id)).toMatchObject({ role: 'building_representative' });
      expect(await codeOf(changeMemberRole(fac.id, p.id, { membershipId: teacherMembership, party: 'labor', role: 'superintendent' }))).toBe(
        'role_party_mismatch',
      );
      expect(
        await codeOf(changeMemberRole(teacher.id, p.id, { membershipId: fac.membershipId ?? '', party: 'labor', role: 'teacher' })),
      ).toBe('forbidden');
      expect(await codeOf(changeMemberRole(fac.id, p.id, { membershipId: fac.membershipId ?? '', party: 'labor', role: 'teacher' }))).toBe(
        'last_manager',
      );
      expect(await codeOf(revokeMembership(fac.id, p.id, fac.membershipId ?? ''))).toBe('last_manager');
    });

    it('revokes a membership: the person loses the partnership at once, history stays', async () => {
      const p = await buildPartnership();
      const fac = await buildFacilitator(p.id);
      const teacher = await buildUser({ partnershipId: p.id });
      await revokeMembership(fac.id, p.id, teacher.membershipId ?? '');
      expect(await codeOf(requireMembership(teacher.id, p.id))).toBe('not_found');
      const [row] = await db().select().from(memberships).where(eq(memberships.id, teacher.membershipId ?? ''));
      expect(row?.revokedAt).toBeInstanceOf(Date);
      expect(await codeOf(revokeMembership(fac.id, p.id, teacher.membershipId ?? ''))).toBe('not_found');
    });

    it('cannot touch another partnership’s members through one’s own', async () => {
      const a = await buildPartnership();
      const b = await buildPartnership();
      const facA = await buildFacilitator(a.id);
      const memberB = await buildUser({ partnershipId: b.id });
      expect(await codeOf(revokeMembership(facA.id, a.id, memberB.membershipId ?? ''))).toBe('not_found');
      expect(await codeOf(revokeMembership(facA.id, b.id, memberB.membershipId ?? ''))).toBe('not_found');
    });
  });
});
