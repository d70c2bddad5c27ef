import { asc, eq, sql } from 'drizzle-orm';
import { getDb, getRawClient } from '../../db/client';
import { auditLog, boards, docUpdates, invitations, participationEvents } from '../../db/schema';
import type { CreateBoardInput } from '../../server/boards/create-board';
import { createBoard } from '../../server/boards/create-board';
import type { CreateSessionInput } from '../../server/ibb/create-session';
import { createSession } from '../../server/ibb/create-session';
import { setCaucusFacilitatorInvite } from '../../server/ibb/caucus';
import type { ControlInput } from '../../server/ibb/controls';
import { applyControl } from '../../server/ibb/controls';
import { getSessionState } from '../../server/ibb/session-state';
import type { InvitePersonInput } from '../../server/partnerships/invite-person';
import { invitePerson } from '../../server/partnerships/invite-person';
import { revokeMembership } from '../../server/partnerships/revoke-membership';
import type { ChangeMemberRoleInput } from '../../server/partnerships/change-member-role';
import { changeMemberRole } from '../../server/partnerships/change-member-role';
import { emitEvent } from '../../server/events';
import { buildPartnership, buildUser } from './factories';
import { ibbFixtures } from './ibb-fixtures';

/**
 * Fixtures that run inside a server under test (it owns the embedded database).
 * Loaded only when the test harness starts the server with ACCORD_TEST_IPC=1 and an
 * IPC channel; there is no network path to them.
 */
export const fixtures = {
  partnership: (args: { name?: string; schools?: number }) => buildPartnership(args),
  user: (args: Parameters<typeof buildUser>[0]) => buildUser(args),
  invite: (args: { actorId: string; partnershipId: string; input: InvitePersonInput }) => invitePerson(args.actorId, args.partnershipId, args.input),
  expireInvitation: async (args: { invitationId: string }) => {
    await getDb().update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, args.invitationId));
    return true;
  },
  revokeMembership: (args: { actorId: string; partnershipId: string; membershipId: string }) =>
    revokeMembership(args.actorId, args.partnershipId, args.membershipId),
  changeMemberRole: (args: { actorId: string; partnershipId: string; input: ChangeMemberRoleInput }) => changeMemberRole(args.actorId, args.partnershipId, args.input),
  auditActions: async (args: { partnershipId: string }) =>
    (await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.partnershipId, args.partnershipId))).map((r) => r.action),

  board: (args: { actorId: string; partnershipId: string; input: CreateBoardInput }) => createBoard(args.actorId, args.partnershipId, args.input),
  ibbSession: (args: { actorId: string; partnershipId: string; input: CreateSessionInput }) => createSession(args.actorId, args.partnershipId, args.input),
  ibbCaucusInvite: (args: { actorId: string; sessionId: string; isInvited: boolean }) => setCaucusFacilitatorInvite(args.actorId, args.sessionId, args.isInvited),
  ibbState: (args: { actorId: string; sessionId: string }) => getSessionState(args.actorId, args.sessionId),
  ibbControl: (args: { actorId: string; sessionId: string; input: ControlInput }) => applyControl(args.actorId, args.sessionId, args.input),
  inviteFacilitatorsToBoard: async (args: { boardId: string }) => {
    await getDb().update(boards).set({ facilitatorsInvited: true }).where(eq(boards.id, args.boardId));
    return true;
  },
  /** Ends the embedded database's thread at once, as PostgreSQL stopping (say, on a failed flush to disk) would. */
  stopEmbeddedDatabase: async () => {
    const raw = getRawClient();
    if (raw.kind !== 'pglite') throw new Error('not on the embedded database');
    // Not awaited: the server exits as soon as the thread is gone, before it could answer.
    void raw.client.terminateThread();
    return true;
  },
  /** Makes every insert into the update log fail, as a real database error would. */
  breakUpdateLog: async () => {
    const db = getDb();
    await db.execute(sql`create or replace function accord_test_fail() returns trigger as $$ begin raise exception 'injected failure'; end $$ language plpgsql`);
    await db.execute(sql`drop trigger if exists accord_test_fail on doc_updates`);
    await db.execute(sql`create trigger accord_test_fail before insert on doc_updates for each row execute function accord_test_fail()`);
    return true;
  },
  repairUpdateLog: async () => {
    await getDb().execute(sql`drop trigger if exists accord_test_fail on doc_updates`);
    return true;
  },
  /** Makes reading anyone's access fail for a while (the memberships table is gone), as a database outage would. */
  breakAccessReads: async () => {
    await getDb().execute(sql`alter table memberships rename to memberships_unavailable`);
    return true;
  },
  repairAccessReads: async () => {
    await getDb().execute(sql`alter table memberships_unavailable rename to memberships`);
    return true;
  },
  /** What a membership command announces after its commit, without changing anything. */
  announceMembershipChange: async (args: { partnershipId: string; userId: string }) => {
    emitEvent('membership:changed', args);
    return true;
  },
  /** Makes loading a doc fail for a while (its snapshot table is gone), as a database outage would. */
  breakDocLoads: async () => {
    await getDb().execute(sql`alter table doc_snapshots rename to doc_snapshots_unavailable`);
    return true;
  },
  repairDocLoads: async () => {
    await getDb().execute(sql`alter table doc_snapshots_unavailable rename to doc_snapshots`);
    return true;
  },
  boardTitle: async (args: { boardId: string }) => (await getDb().select({ title: boards.title }).from(boards).where(eq(boards.id, args.boardId)))[0]?.title ?? null,
  logLength: async (args: { docId: string }) =>
    (await getDb().select({ id: docUpdates.id }).from(docUpdates).where(eq(docUpdates.docId, args.docId))).length,
  /** The doc's update log in commit order, each update hex-encoded (IPC carries JSON). */
  logUpdates: async (args: { docId: string }) =>
    (await getDb().select({ update: docUpdates.update }).from(docUpdates).where(eq(docUpdates.docId, args.docId)).orderBy(asc(docUpdates.id))).map((r) =>
      Buffer.from(r.update).toString('hex'),
    ),
  participationEvents: async (args: { docId: string }) =>
    getDb()
      .select({ actorId: participationEvents.actorId, kind: participationEvents.kind, targetItem: participationEvents.targetItem, targetAuthorId: participationEvents.targetAuthorId })
      .from(participationEvents)
      .where(eq(participationEvents.docId, args.docId))
      .orderBy(asc(participationEvents.id)),
  ...ibbFixtures,
  /** A full GC in the embedded database's thread, so the bench's RSS readings are settled (the inspector reaches the main thread only). */
  collectDatabaseGarbage: async () => {
    const raw = getRawClient();
    if (raw.kind === 'pglite') await raw.client.collectGarbage();
  },
};

export type Fixtures = typeof fixtures;
export type FixtureName = keyof Fixtures;

function isFixtureName(name: unknown): name is FixtureName {
  return typeof name === 'string' && Object.hasOwn(fixtures, name);
}

export function serveTestFixtures(): void {
  process.on('message', (raw: unknown) => {
    if (typeof raw !== 'object' || raw === null) return;
    const { id, name, args } = raw as { id: number; name: unknown; args: never };
    const reply = (msg: object) => process.send?.({ id, ...msg });
    if (!isFixtureName(name)) {
      reply({ ok: false, error: `unknown fixture ${String(name)}` });
      return;
    }
    const run = async (): Promise<unknown> => fixtures[name](args);
    run()
      .then((value) => reply({ ok: true, value: value ?? null }))
      .catch((err: unknown) => reply({ ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }));
  });
}
