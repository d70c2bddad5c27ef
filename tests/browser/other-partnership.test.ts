import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../app/i18n/messages/en.json';
import { DEMO_PARTNERSHIP, DEMO_PASSWORD, DEMO_SIGN_INS } from '../../server/seed/demo-data';
import { openPage, signInWithForm } from '../support/browser';
import { chromiumPath } from '../support/environment';
import { HttpClient } from '../support/http-client';
import type { AccordProcess } from '../support/server';
import { withAccordAndChromium } from '../support/browser-suite';

describe.skipIf(!chromiumPath)('a person of another partnership', () => {
  let server: AccordProcess;
  let browser: Browser;
  let demoPartnershipId: string;
  let outsider: { email: string; password: string };

  withAccordAndChromium({ seedDemo: true }, (s, b) => {
    server = s;
    browser = b;
  });
  beforeAll(async () => {
    const other = await server.fixture('partnership', { name: 'Lakeside' });
    outsider = await server.fixture('user', { partnershipId: other.id });
    // The demo partnership's id, learned the way a member would: signing in lands on it.
    const member = new HttpClient(server.url);
    expect((await member.signIn(DEMO_SIGN_INS[0].email, DEMO_PASSWORD)).ok).toBe(true);
    const landing = (await member.request('/')).headers.get('location') ?? '';
    demoPartnershipId = new URL(landing, server.url).pathname.split('/')[2] ?? '';
    expect(demoPartnershipId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sees the not-found page and nothing of the demo partnership at its URLs', async () => {
    const { context, page, pageErrors } = await openPage(browser);
    await signInWithForm(page, server.url, outsider.email, outsider.password);
    await page.waitForURL((url) => url.pathname.startsWith('/p/') && !url.pathname.includes(demoPartnershipId));

    for (const path of [`/p/${demoPartnershipId}`, `/p/${demoPartnershipId}/people`]) {
      const response = await page.goto(`${server.url}${path}`);
      expect(response?.status(), path).toBe(404);
      await page.getByRole('heading', { level: 1, name: en.notFound.title }).waitFor();
      const html = await page.content();
      expect(html).not.toContain(DEMO_PARTNERSHIP.name);
      expect(html).not.toContain(DEMO_PARTNERSHIP.districtName);
      expect(html).not.toContain(DEMO_PARTNERSHIP.unionName);
    }
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
