import { expect, it } from 'vitest';
import { applyControl } from '../../server/ibb/controls';
import { setCaucusFacilitatorInvite } from '../../server/ibb/caucus';
import { createSession } from '../../server/ibb/create-session';
import { revokeMembership } from '../../server/partnerships/revoke-membership';
import { resolveDocAccess } from '../../server/realtime/doc-access';
import { describeEachBackend } from '../support/db';
import { buildPartnership, buildUser } from '../support/factories';

type Access = 'edit' | 'view' | 'none';

/**
 * The access rules of the IBB board and the caucus boards, read on every message to them
 * (one prepared statement, server/realtime/doc-access.ts), for every kind of person and
 * every state a session can be in that changes them.
 */
describeEachBackend('access to bargaining docs', () => {
  it('follows the session: participants edit, observers watch, a lock leaves the facilitators writing, a caucus is its party’s and invited facilitators’ only', async () => {
    const p = await buildPartnership();
    const other = await buildPartnership();
    const facilitator = await buildUser({ partnershipId: p.id, party: 'neutral', role: 'facilitator' });
    const laborChief = await buildUser({ partnershipId: p.id, party: 'labor', role: 'union_president' });
    const laborMember = await buildUser({ partnershipId: p.id, party: 'labor', role: 'teacher' });
    const mgmtChief = await buildUser({ partnershipId: p.id, party: 'management', role: 'superintendent' });
    const observer = await buildUser({ partnershipId: p.id, party: 'neutral', role: 'researcher' });
    const notInSession = await buildUser({ partnershipId: p.id, party: 'labor', role: 'teacher' });
    const revoked = await buildUser({ partnershipId: p.id, party: 'management', role: 'principal' });
    const outsider = await buildUser({ partnershipId: other.id, party: 'labor', role: 'teacher' });
    const admin = await buildUser({ partnershipId: p.id, party: 'neutral', role: 'facilitator' });
    const { id: sessionId } = await createSession(facilitator.id, p.id, {
      title: 'Access',
      participants: [
        { userId: facilitator.id, role: 'facilitator' },
        { userId: laborChief.id, role: 'chief_spokesperson' },
        { userId: laborMember.id, role: 'team_member' },
        { userId: mgmtChief.id, role: 'chief_spokesperson' },
        { userId: observer.id, role: 'observer' },
        { userId: revoked.id, role: 'team_member' },
      ],
    });
    await revokeMembership(admin.id, p.id, revoked.membershipId ?? '');

    const people = { facilitator, laborChief, laborMember, mgmtChief, observer, notInSession, revoked, outsider };
    const read = async () => {
      const table: Record<string, [Access, Access, Access]> = {};
      for (const [name, person] of Object.entries(people)) {
        const [board, labor, management] = await Promise.all([
          resolveDocAccess(person.id, { kind: 'ibb', id: sessionId, party: null }),
          resolveDocAccess(person.id, { kind: 'caucus', id: sessionId, party: 'labor' }),
          resolveDocAccess(person.id, { kind: 'caucus', id: sessionId, party: 'management' }),
        ]);
        table[name] = [board.access, labor.access, management.access];
        // Whoever gets in is told their partnership, party and partnership role from the records.
        if (board.access !== 'none') expect(board.partnershipId).toBe(p.id);
      }
      return table;
    };

    //                   IBB board, labor caucus, management caucus
    expect(await read()).toEqual({
      facilitator: ['edit', 'none', 'none'],
      laborChief: ['edit', 'edit', 'none'],
      laborMember: ['edit', 'edit', 'none'],
      mgmtChief: ['edit', 'none', 'edit'],
      observer: ['view', 'none', 'none'],
      notInSession: ['none', 'none', 'none'],
      revoked: ['none', 'none', 'none'],
      outsider: ['none', 'none', 'none'],
    });
    const chief = await resolveDocAccess(laborChief.id, { kind: 'ibb', id: sessionId, party: null });
    expect({ party: chief.party, role: chief.role }).toEqual({ party: 'labor', role: 'union_president' });

    // Locked, and labor invites the facilitators into its caucus.
    await applyControl(facilitator.id, sessionId, { control: 'lock', isLocked: true });
    await setCaucusFacilitatorInvite(laborChief.id, sessionId, true);
    expect(await read()).toEqual({
      facilitator: ['edit', 'edit', 'none'],
      laborChief: ['view', 'edit', 'none'],
      laborMember: ['view', 'edit', 'none'],
      mgmtChief: ['view', 'none', 'edit'],
      observer: ['view', 'none', 'none'],
      notInSession: ['none', 'none', 'none'],
      revoked: ['none', 'none', 'none'],
      outsider: ['none', 'none', 'none'],
    });

    // Unlocked, the invitation withdrawn: back to the start.
    await applyControl(facilitator.id, sessionId, { control: 'lock', isLocked: false });
    await setCaucusFacilitatorInvite(laborChief.id, sessionId, false);
    expect((await read()).facilitator).toEqual(['edit', 'none', 'none']);

    // Ids that name nothing name nothing, whatever their shape.
    for (const id of [crypto.randomUUID(), 'not-a-uuid', "x' or '1'='1"]) {
      expect((await resolveDocAccess(laborChief.id, { kind: 'ibb', id, party: null })).access).toBe('none');
      expect((await resolveDocAccess(laborChief.id, { kind: 'caucus', id, party: 'labor' })).access).toBe('none');
    }
  });
});
