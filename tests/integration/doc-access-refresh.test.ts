import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { boards, memberships } from '../../db/schema';
import type { ParsedDocId } from '../../domain/sync/protocol';
import { parseDocId } from '../../domain/sync/protocol';
import { DocAccessRefresher, resolveDocAccess } from '../../server/realtime/doc-access';
import { describeEachBackend } from '../support/db';
import { buildFacilitator, buildPartnership, buildUser } from '../support/factories';

/** A board doc as parseDocId gives it; ids it would refuse are built by hand (the refresher must still answer none). */
function boardDoc(id: string): ParsedDocId {
  return parseDocId(`board:${id}`) ?? { kind: 'board', id, party: null };
}

describeEachBackend('batched access refreshes', ({ db }) => {
  it('answers many sockets’ refreshes with one statement, exactly as one read each would', async () => {
    const p = await buildPartnership();
    const other = await buildPartnership();
    const facilitator = await buildFacilitator(p.id);
    const invitedFacilitator = await buildFacilitator(p.id);
    const laborTeacher = await buildUser({ partnershipId: p.id, party: 'labor', role: 'teacher' });
    const managementPrincipal = await buildUser({ partnershipId: p.id, party: 'management', role: 'principal' });
    const researcher = await buildUser({ partnershipId: p.id, party: 'neutral', role: 'researcher' });
    const revoked = await buildUser({ partnershipId: p.id, party: 'labor', role: 'teacher' });
    const outsider = await buildUser({ partnershipId: other.id, party: 'labor', role: 'teacher' });
    await db().update(memberships).set({ revokedAt: new Date() }).where(eq(memberships.userId, revoked.id));

    const [shared, laborOnly, laborInviting, archived] = await db()
      .insert(boards)
      .values([
        { partnershipId: p.id, title: 'Shared', createdBy: facilitator.id },
        { partnershipId: p.id, title: 'Labor caucus', createdBy: laborTeacher.id, privateToParty: 'labor' },
        { partnershipId: p.id, title: 'Labor, facilitators invited', createdBy: laborTeacher.id, privateToParty: 'labor', facilitatorsInvited: true },
        { partnershipId: p.id, title: 'Archived', createdBy: facilitator.id, archivedAt: new Date() },
      ])
      .returning({ id: boards.id });
    const boardIds = [shared!.id, laborOnly!.id, laborInviting!.id, archived!.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid'];
    const people = [facilitator, invitedFacilitator, laborTeacher, managementPrincipal, researcher, revoked, outsider];

    const pairs = boardIds.flatMap((boardId) => people.map((person) => ({ userId: person.id, doc: boardDoc(boardId) })));
    pairs.push({ userId: 'not-a-uuid', doc: boardDoc(shared!.id) });
    const expected = [];
    for (const { userId, doc } of pairs) expected.push(await resolveDocAccess(userId, doc));

    const refresher = new DocAccessRefresher(50);
    const answers = await Promise.all(pairs.map(({ userId, doc }) => refresher.resolve(userId, doc)));
    expect(answers).toEqual(expected);
    expect(refresher.statements).toBe(1);

    // Spot checks that the comparison covers every rule, not only "none".
    const at = (boardId: string, userId: string) => answers[pairs.findIndex((q) => q.doc.id === boardId && q.userId === userId)]!;
    expect(at(shared!.id, laborTeacher.id).access).toBe('edit');
    expect(at(shared!.id, researcher.id).access).toBe('view');
    expect(at(shared!.id, revoked.id).access).toBe('none');
    expect(at(shared!.id, outsider.id).access).toBe('none');
    expect(at(laborOnly!.id, laborTeacher.id).access).toBe('edit');
    expect(at(laborOnly!.id, managementPrincipal.id).access).toBe('none');
    expect(at(laborOnly!.id, facilitator.id).access).toBe('none');
    expect(at(laborInviting!.id, invitedFacilitator.id).access).toBe('edit');
    expect(at(laborInviting!.id, managementPrincipal.id).access).toBe('none');
    expect(at(archived!.id, laborTeacher.id).access).toBe('none');
  });

  it('sees a revocation made after the first read, and passes other doc kinds straight through', async () => {
    const p = await buildPartnership();
    const facilitator = await buildFacilitator(p.id);
    const teacher = await buildUser({ partnershipId: p.id, party: 'labor', role: 'teacher' });
    const [board] = await db().insert(boards).values({ partnershipId: p.id, title: 'Board', createdBy: facilitator.id }).returning({ id: boards.id });
    const refresher = new DocAccessRefresher(10);
    expect((await refresher.resolve(teacher.id, boardDoc(board!.id))).access).toBe('edit');
    await db().update(memberships).set({ revokedAt: new Date() }).where(eq(memberships.userId, teacher.id));
    expect((await refresher.resolve(teacher.id, boardDoc(board!.id))).access).toBe('none');
    expect(refresher.statements).toBe(2);

    const ibb = parseDocId('ibb:00000000-0000-4000-8000-000000000000');
    expect(ibb).not.toBeNull();
    expect((await refresher.resolve(teacher.id, ibb!)).access).toBe('none');
    expect(refresher.statements).toBe(2); // not batched: read through resolveDocAccess
  });
});
