import { eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { auditLog, invitations } from '../../db/schema';
import type { InvitePersonInput } from '../../server/partnerships/invite-person';
import { invitePerson } from '../../server/partnerships/invite-person';
import { revokeMembership } from '../../server/partnerships/revoke-membership';
import { buildPartnership, buildUser } from './factories';

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
  auditActions: async (args: { partnershipId: string }) =>
    (await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.partnershipId, args.partnershipId))).map((r) => r.action),
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
