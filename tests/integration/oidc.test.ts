import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../app/i18n/messages/en.json';
import { OIDC_PROVIDER_ID } from '../../server/auth/oidc-provider-id';
import { launchChromium, openPage } from '../support/browser';
import type { DistrictIdp } from '../support/district-idp';
import { startDistrictIdp } from '../support/district-idp';
import { chromiumPath } from '../support/environment';
import { HttpClient } from '../support/http-client';
import type { AccordProcess } from '../support/server';
import { startAccord } from '../support/server';

const SSO_NAME = 'Lakeside District sign-in';

interface SsoOutcome {
  /** Where Accord sent the person once the district answered: the landing page or sign-in with an error. */
  landing: URL;
  hops: string[];
}

/**
 * Runs the authorization-code flow the way a browser would, with one cookie jar per site:
 * Accord's sign-in endpoint → the district's authorize and login → Accord's callback.
 */
async function signInThroughDistrict(accord: HttpClient, district: HttpClient, districtOrigin: string): Promise<SsoOutcome> {
  const { csrfToken } = (await (await accord.request('/api/auth/csrf')).json()) as { csrfToken: string };
  let res = await accord.request(`/api/auth/signin/${OIDC_PROVIDER_ID}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, callbackUrl: '/' }).toString(),
  });
  let at = new URL(`/api/auth/signin/${OIDC_PROVIDER_ID}`, accord.baseUrl);
  const hops: string[] = [];
  for (let hop = 0; hop < 12; hop++) {
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) {
      throw new Error(`flow stopped at ${at.href} with ${res.status}: ${(await res.text()).slice(0, 300)}\nhops:\n${hops.join('\n')}`);
    }
    at = new URL(location, at);
    hops.push(`${res.status} → ${at.origin}${at.pathname}`);
    const isAccord = at.origin === new URL(accord.baseUrl).origin;
    if (isAccord && !at.pathname.startsWith('/api/auth/')) return { landing: at, hops };
    res = await (at.origin === districtOrigin ? district : accord).request(at.href);
  }
  throw new Error(`too many redirects:\n${hops.join('\n')}`);
}

describe('district single sign-on (OIDC)', () => {
  let idp: DistrictIdp;
  let server: AccordProcess;
  let partnership: { id: string };
  let member: { email: string; name: string };

  beforeAll(async () => {
    idp = await startDistrictIdp();
    server = await startAccord({
      env: {
        AUTH_OIDC_ISSUER: idp.issuer,
        AUTH_OIDC_CLIENT_ID: idp.clientId,
        AUTH_OIDC_CLIENT_SECRET: idp.clientSecret,
        AUTH_OIDC_NAME: SSO_NAME,
      },
    });
    idp.registerClient(`${server.url}/api/auth/callback/${OIDC_PROVIDER_ID}`);
    partnership = await server.fixture('partnership', { name: 'Lakeside' });
    member = await server.fixture('user', { partnershipId: partnership.id, name: 'Sso Member' });
  });
  afterAll(async () => {
    await server?.cleanup();
    await idp?.close();
  });

  /** One person's whole SSO attempt; attempts run one at a time because the IdP signs in whoever was arranged last. */
  const signIn = async (email: string, emailVerified = true) => {
    idp.signInAs({ email, emailVerified });
    const accord = new HttpClient(server.url);
    const outcome = await signInThroughDistrict(accord, new HttpClient(idp.issuer), idp.issuer);
    return { accord, ...outcome };
  };

  it('offers the district sign-in button on the sign-in page', async () => {
    const page = await (await new HttpClient(server.url).request('/signin')).text();
    expect(page).toContain(en.signIn.sso.replace('{name}', SSO_NAME));
  });

  it('signs a known member in and lets them reach their partnership', async () => {
    // Districts often spell addresses with capitals; Accord matches emails case-insensitively.
    const { accord, landing, hops } = await signIn(member.email.toUpperCase());
    expect(landing.pathname + landing.search, hops.join('\n')).toBe('/');
    expect(accord.hasSession()).toBe(true);
    const home = await accord.request('/');
    expect(home.status).toBe(307);
    expect(home.headers.get('location')).toContain(`/p/${partnership.id}`);
    const page = await accord.request(`/p/${partnership.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Lakeside');
    expect(idp.serverErrors).toEqual([]);
  });

  it('refuses an email Accord does not know with the sso_unknown message and no session', async () => {
    const { accord, landing, hops } = await signIn('stranger@lakeside.example');
    expect(landing.pathname, hops.join('\n')).toBe('/signin');
    expect(landing.searchParams.get('error')).toBe('sso_unknown');
    expect(accord.hasSession()).toBe(false);
    const page = await accord.request(landing.pathname + landing.search);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(en.signIn.errors.sso_unknown);
    expect((await accord.request(`/p/${partnership.id}`)).status).toBe(307);
  });

  it('refuses a known account without any membership, and an unverified email', async () => {
    const loner = await server.fixture('user', {});
    for (const [email, emailVerified] of [
      [loner.email, true],
      [member.email, false],
    ] as const) {
      const { accord, landing, hops } = await signIn(email, emailVerified);
      expect(landing.searchParams.get('error'), `${email} ${emailVerified}\n${hops.join('\n')}`).toBe('sso_unknown');
      expect(accord.hasSession()).toBe(false);
    }
  });

  describe.skipIf(!chromiumPath)('in the browser', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('signs a member in with the district button and lands on their partnership', async () => {
      idp.signInAs({ email: member.email });
      const { context, page, pageErrors } = await openPage(browser);
      await page.goto(`${server.url}/signin`);
      await page.getByRole('button', { name: en.signIn.sso.replace('{name}', SSO_NAME) }).click();
      await page.waitForURL((url) => url.pathname === `/p/${partnership.id}`);
      await page.getByRole('heading', { level: 1, name: 'Lakeside' }).waitFor();
      expect(pageErrors).toEqual([]);
      await context.close();
    });

    it('shows the sso_unknown message to a district account Accord does not know', async () => {
      idp.signInAs({ email: 'another.stranger@lakeside.example' });
      const { context, page, pageErrors } = await openPage(browser);
      await page.goto(`${server.url}/signin`);
      await page.getByRole('button', { name: en.signIn.sso.replace('{name}', SSO_NAME) }).click();
      await page.waitForURL((url) => url.pathname === '/signin' && url.searchParams.get('error') === 'sso_unknown');
      await page.locator('form').getByRole('alert').filter({ hasText: en.signIn.errors.sso_unknown }).waitFor();
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  });
});
