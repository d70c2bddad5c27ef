import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import en from '../../app/i18n/messages/en.json';
import { DEMO_PARTNERSHIP, DEMO_PASSWORD, DEMO_SIGN_INS } from '../../server/seed/demo-data';
import { openPage, seriousA11yViolations, signInWithForm } from '../support/browser';
import { chromiumPath } from '../support/environment';
import type { AccordProcess } from '../support/server';
import { withAccordAndChromium } from '../support/browser-suite';

const facilitator = DEMO_SIGN_INS[0];
const BOARD_TITLES = [en.partnership.kinds.ibb.title, en.partnership.kinds.workplan.title, en.partnership.kinds.mou.title, en.partnership.kinds.committee.title];
const PARTNERSHIP_HOME = /\/p\/[0-9a-f-]{36}$/;

describe.skipIf(!chromiumPath)('signing in through the browser', () => {
  let server: AccordProcess;
  let browser: Browser;

  withAccordAndChromium({ seedDemo: true }, (s, b) => {
    server = s;
    browser = b;
  });

  it('signs the seeded facilitator in and lands on the partnership home with its four board kinds', async () => {
    const { context, page, pageErrors } = await openPage(browser);
    await signInWithForm(page, server.url, facilitator.email, DEMO_PASSWORD);
    await page.waitForURL(PARTNERSHIP_HOME);
    await page.getByRole('heading', { level: 1, name: DEMO_PARTNERSHIP.name, exact: true }).waitFor();
    for (const title of BOARD_TITLES) {
      expect(await page.getByRole('heading', { level: 3, name: title }).count(), title).toBe(1);
    }
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('shows a clear error, and no stack trace, for a wrong password', async () => {
    const { context, page, pageErrors } = await openPage(browser);
    await page.goto(`${server.url}/signin`);
    await page.getByLabel('Email').fill(facilitator.email);
    await page.getByLabel('Password').fill('not-the-demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Scoped to the form: Next's route announcer is also a role=alert region.
    const alert = page.locator('form').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(en.signIn.errors.invalid_credentials);
    expect(new URL(page.url()).pathname).toBe('/signin');
    const body = (await page.locator('body').innerText()).toLowerCase();
    expect(body).not.toMatch(/\bat .+\.(js|ts|tsx):\d+/);
    expect(body).not.toContain('error:');
    expect(body).not.toContain('credentialssignin');
    // The email field points at the message, so a screen reader announces why.
    expect(await page.getByLabel('Email').getAttribute('aria-describedby')).toBe('signin-error');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('has no serious or critical accessibility problems on sign-in, partnership home and people', async () => {
    const { context, page, pageErrors } = await openPage(browser);
    await page.goto(`${server.url}/signin`);
    expect(await seriousA11yViolations(page), 'sign-in').toEqual([]);

    await signInWithForm(page, server.url, facilitator.email, DEMO_PASSWORD);
    await page.waitForURL(PARTNERSHIP_HOME);
    await page.getByRole('heading', { level: 2, name: en.partnership.boards }).waitFor();
    expect(await seriousA11yViolations(page), 'partnership home').toEqual([]);

    await page.getByRole('link', { name: en.partnership.nav.people }).click();
    await page.waitForURL(/\/people$/);
    await page.getByRole('heading', { level: 1, name: en.people.title }).waitFor();
    expect(await seriousA11yViolations(page), 'people').toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
