import { sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { getSessionState } from '../../server/ibb/session-state';
import { seedDemo } from '../../server/seed/seed-demo';
import { seedDemoBoards } from '../../server/seed/seed-demo-boards';
import { seedDemoIbb } from '../../server/seed/seed-demo-ibb';
import { listBoards } from '../../server/boards/list-boards';
import { requireMembership } from '../../server/partnerships/require-membership';
import { readStoredDoc } from '../../server/realtime/persistence';
import { readBoard } from '../../domain/board/team-board';
import { boardDocId } from '../../domain/sync/protocol';
import { describeEachBackend } from '../support/db';

describeEachBackend('migrations and seeding', ({ db }) => {
  it('creates every table and applies again as a no-op', async () => {
    await migrateDb();
    const result = await queryRows(db(), sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
    const names = result.map((r) => String(r.table_name));
    for (const t of ['users', 'partnerships', 'schools', 'memberships', 'invitations', 'audit_log', 'sign_in_attempts']) {
      expect(names).toContain(t);
    }
  });

  it('seeds the demo partnership once, and never into a database that has data', async () => {
    const first = await seedDemo(db());
    expect(first.seeded).toBe(true);
    expect(first.people).toBeGreaterThan(100);
    const counts = await queryRows(db(), sql`select (select count(*) from schools)::int as schools, (select count(*) from users)::int as users`);
    expect(Number(counts[0]?.schools)).toBe(27);
    // The demo bargaining session: a frozen, verified TA and a consensus check that needed a re-test.
    const sessionId = await seedDemoIbb(db(), first.partnershipId ?? '');
    const facilitator = await queryRows(db(), sql`select id from users where email = 'facilitator@riverside.example'`);
    const state = await getSessionState(String(facilitator[0]?.id), sessionId);
    expect(state.agreements).toHaveLength(1);
    expect(state.agreements[0]).toMatchObject({ isFrozen: true, isVerified: true, isContingent: true });
    expect(state.checks.map((c) => [c.round, c.result?.reached])).toEqual([
      [2, true],
      [1, false],
    ]);
    // Two team boards: a joint one with notes, and the Association's caucus board, which
    // the union president sees and the superintendent does not.
    const partnershipId = first.partnershipId ?? '';
    const boards = await seedDemoBoards(db(), partnershipId);
    const idOf = async (email: string) => String((await queryRows(db(), sql`select id from users where email = ${email}`))[0]?.id);
    const president = await requireMembership(await idOf('president@riverside.example'), partnershipId);
    const superintendent = await requireMembership(await idOf('superintendent@riverside.example'), partnershipId);
    expect((await listBoards(president)).map((b) => b.id).sort()).toEqual([boards.joint, boards.caucus].sort());
    expect((await listBoards(superintendent)).map((b) => b.id)).toEqual([boards.joint]);
    const stored = await readStoredDoc(boardDocId(boards.joint));
    const doc = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    const view = readBoard(doc);
    expect(view.columns.map((c) => c.title)).toEqual(['Ideas', 'Questions', 'Next steps']);
    expect(view.notes).toHaveLength(6);
    expect(view.notes.filter((n) => n.comments.length > 0)).toHaveLength(1);
    const second = await seedDemo(db());
    expect(second).toEqual({ seeded: false, reason: 'the database already has data' });
    const after = await queryRows(db(), sql`select count(*)::int as n from users`);
    expect(Number(after[0]?.n)).toBe(Number(counts[0]?.users));
  });
});
