import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/environment';
import { HttpClient } from '../support/http-client';
import type { AccordProcess } from '../support/server';
import { startAccord } from '../support/server';

interface World {
  server: AccordProcess;
  partnershipA: string;
  partnershipB: string;
  memberA: { email: string; password: string };
  facilitatorA: { id: string };
}

for (const backend of backends) {
  describe(`sign-in and access over HTTP [${backend}]`, () => {
    let w: World;

    beforeAll(async () => {
      const server = await startAccord({ backend, env: { SIGNIN_MAX_FAILURES: '5' } });
      const a = await server.fixture('partnership', { name: 'Alpha' });
      const b = await server.fixture('partnership', { name: 'Bravo' });
      const memberA = await server.fixture('user', { partnershipId: a.id });
      const facilitatorA = await server.fixture('user', { partnershipId: a.id, party: 'neutral', role: 'facilitator' });
      w = { server, partnershipA: a.id, partnershipB: b.id, memberA, facilitatorA };
    });
    afterAll(async () => {
      await w?.server.cleanup();
    });

    it('signs in with the right password and lands on the partnership', async () => {
      const client = new HttpClient(w.server.url);
      const result = await client.signIn(w.memberA.email, w.memberA.password);
      expect(result.ok).toBe(true);
      const home = await client.request('/');
      expect(home.status).toBe(307);
      expect(home.headers.get('location')).toContain(`/p/${w.partnershipA}`);
      const page = await client.request(`/p/${w.partnershipA}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Alpha');
    });

    it('gives the same answer for a wrong password and an unknown email', async () => {
      const wrong = await new HttpClient(w.server.url).signIn(w.memberA.email, 'wrong-password-123');
      const unknown = await new HttpClient(w.server.url).signIn('nobody@test.example', 'wrong-password-123');
      expect(wrong.ok).toBe(false);
      expect(unknown.ok).toBe(false);
      expect(new URL(wrong.location).search).toBe(new URL(unknown.location).search);
      expect(wrong.location).toContain('code=invalid_credentials');
    });

    it('refuses malformed input without a stack trace', async () => {
      const client = new HttpClient(w.server.url);
      const r = await client.signIn('not-an-email', '');
      expect(r.ok).toBe(false);
      const res = await client.request('/api/auth/callback/credentials', { method: 'POST', body: '%%%' });
      const text = await res.text();
      expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
    });

    it('rate-limits repeated failures for an email, even with the right password afterwards', async () => {
      const victim = await w.server.fixture('user', { partnershipId: w.partnershipA });
      for (let i = 0; i < 5; i++) {
        const r = await new HttpClient(w.server.url).signIn(victim.email, `wrong-${i}-password`);
        expect(r.location).toContain('code=invalid_credentials');
      }
      const blocked = await new HttpClient(w.server.url).signIn(victim.email, victim.password);
      expect(blocked.ok).toBe(false);
      expect(blocked.location).toContain('code=rate_limited');
    });

    it('sends signed-out visitors to sign-in and answers JSON routes with 401', async () => {
      const anon = new HttpClient(w.server.url);
      const page = await anon.request(`/p/${w.partnershipA}`);
      expect(page.status).toBe(307);
      expect(page.headers.get('location')).toContain('/signin');
      const api = await anon.request(`/api/partnerships/${w.partnershipA}/members`);
      expect(api.status).toBe(401);
      expect(await api.json()).toEqual({ code: 'unauthenticated', message: 'Sign in to continue' });
    });

    it('refuses another partnership’s pages, RSC payloads, prefetches and routes with 404 and no data', async () => {
      const client = new HttpClient(w.server.url);
      expect((await client.signIn(w.memberA.email, w.memberA.password)).ok).toBe(true);
      const targets = [`/p/${w.partnershipB}`, `/p/${w.partnershipB}/people`];
      for (const path of targets) {
        for (const headers of [{}, { RSC: '1' }, { RSC: '1', 'Next-Router-Prefetch': '1' }] as Record<string, string>[]) {
          const res = await client.request(path, { headers });
          const body = await res.text();
          expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(404);
          expect(body).not.toContain('Bravo');
        }
        const rsc = await client.request(`${path}?_rsc=abc12`, { headers: { RSC: '1' } });
        expect(rsc.status).toBe(404);
        expect(await rsc.text()).not.toContain('Bravo');
      }
      const api = await client.request(`/api/partnerships/${w.partnershipB}/members`);
      expect(api.status).toBe(404);
      const own = await client.request(`/api/partnerships/${w.partnershipA}/members?q=${encodeURIComponent(w.memberA.email.slice(0, 5))}`);
      expect(own.status).toBe(200);
      const bad = await client.request(`/api/partnerships/${w.partnershipA}/members?limit=9999`);
      expect(bad.status).toBe(400);
    });

    it('signs out: the old cookie no longer opens pages', async () => {
      const client = new HttpClient(w.server.url);
      expect((await client.signIn(w.memberA.email, w.memberA.password)).ok).toBe(true);
      const csrf = (await (await client.request('/api/auth/csrf')).json()) as { csrfToken: string };
      await client.request('/api/auth/signout', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrfToken: csrf.csrfToken }).toString(),
      });
      expect(client.hasSession()).toBe(false);
      const page = await client.request(`/p/${w.partnershipA}`);
      expect(page.status).toBe(307);
    });
  });
}
