import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_SIGN_INS } from '../../server/seed/demo-data';
import { HttpClient } from '../support/http-client';
import { startAccord } from '../support/server';

describe('embedded database persists across restarts', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'accord-persist-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps people, invitations and sessions after stop and start, and does not seed twice', async () => {
    const facilitator = DEMO_SIGN_INS[0];
    const first = await startAccord({ dataDir, seedDemo: true });
    expect(first.output()).toContain('seeded the demo partnership');
    const client = new HttpClient(first.url);
    expect((await client.signIn(facilitator.email, DEMO_PASSWORD)).ok).toBe(true);
    const landing = await client.request('/');
    const partnershipPath = new URL(landing.headers.get('location') ?? '', first.url).pathname;
    const partnershipId = partnershipPath.split('/')[2] ?? '';
    const me = (await (await client.request(`/api/partnerships/${partnershipId}/members?q=facilitator`)).json()) as {
      rows: { userId: string }[];
    };
    const actorId = me.rows[0]?.userId ?? '';
    await first.fixture('invite', { actorId, partnershipId, input: { email: 'kept@test.example', party: 'labor', role: 'teacher' } });
    const before = (await (await client.request(`/api/partnerships/${partnershipId}/members`)).json()) as { total: number };
    await first.stop();

    const second = await startAccord({ dataDir, seedDemo: true });
    try {
      expect(second.output()).not.toContain('seeded the demo partnership');
      const again = new HttpClient(second.url);
      expect((await again.signIn(facilitator.email, DEMO_PASSWORD)).ok).toBe(true);
      const after = (await (await again.request(`/api/partnerships/${partnershipId}/members`)).json()) as { total: number };
      expect(after.total).toBe(before.total);
      const people = await (await again.request(`/p/${partnershipId}/people`)).text();
      expect(people).toContain('kept@test.example');
    } finally {
      await second.cleanup();
      await first.cleanup();
    }
  });
});
