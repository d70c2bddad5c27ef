import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import en from '../../app/i18n/messages/en.json';
import es from '../../app/i18n/messages/es.json';
import { DEMO_PASSWORD, DEMO_SIGN_INS } from '../../server/seed/demo-data';
import { hasHorizontalScroll, openPage, signInWithForm } from '../support/browser';
import { chromiumPath } from '../support/environment';
import type { AccordProcess } from '../support/server';
import { withAccordAndChromium } from '../support/browser-suite';

const facilitator = DEMO_SIGN_INS[0];
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const menuButtonName = en.profile.menu.replace('{name}', facilitator.name);

/** Presses Tab until the element with this accessible label has focus; the shell has only a few stops before it. */
async function tabTo(page: Page, ariaLabel: string): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((label) => document.activeElement?.getAttribute('aria-label') === label, ariaLabel)) return;
  }
  throw new Error(`Tab never reached "${ariaLabel}"`);
}

describe.skipIf(!chromiumPath)('the shell on a phone and from the keyboard', () => {
  let server: AccordProcess;
  let browser: Browser;

  withAccordAndChromium({ seedDemo: true }, (s, b) => {
    server = s;
    browser = b;
  });

  it('fits a 390px phone without sideways scrolling and switches to Spanish from the profile menu', async () => {
    const { context, page, pageErrors } = await openPage(browser, PHONE);
    await page.goto(`${server.url}/signin`);
    await page.getByRole('heading', { level: 1, name: en.signIn.title }).waitFor();
    expect(await hasHorizontalScroll(page), 'sign-in').toBe(false);

    await signInWithForm(page, server.url, facilitator.email, DEMO_PASSWORD);
    await page.waitForURL(/\/p\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 2, name: en.partnership.boards }).waitFor();
    expect(await hasHorizontalScroll(page), 'partnership home').toBe(false);
    // The bargaining screens' messages stay out of the other pages' payload
    // (app/i18n/client-messages.ts); the IBB suites use them on the screens that need them.
    const html = await page.content();
    expect(html).not.toContain(en.ibbRecords.agreements.confirmInitialButton);
    expect(html).not.toContain(en.ibbSession.caucus.invite);

    await page.getByRole('button', { name: menuButtonName }).click();
    await page.getByLabel(en.profile.language).selectOption('es');
    await page.getByRole('button', { name: en.profile.apply }).click();
    await page.getByRole('link', { name: es.partnership.nav.people }).waitFor();
    await page.getByRole('heading', { level: 2, name: es.partnership.boards }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await hasHorizontalScroll(page), 'partnership home in Spanish').toBe(false);
    expect(pageErrors).toEqual([]);
    await context.close();

    // Another device (no language cookie, an English browser): the choice was saved on the
    // account, so once signed in the pages are in Spanish there too.
    const other = await openPage(browser, { locale: 'en-US' });
    await signInWithForm(other.page, server.url, facilitator.email, DEMO_PASSWORD);
    await other.page.waitForURL(/\/p\/[0-9a-f-]{36}$/);
    await other.page.getByRole('heading', { level: 2, name: es.partnership.boards }).waitFor();
    expect(await other.page.locator('html').getAttribute('lang')).toBe('es');
    // Back to English for the tests after this one, which sign in as the same person.
    await other.page.getByRole('button', { name: es.profile.menu.replace('{name}', facilitator.name) }).click();
    await other.page.getByLabel(es.profile.language).selectOption('en');
    await other.page.getByRole('button', { name: es.profile.apply }).click();
    await other.page.getByRole('heading', { level: 2, name: en.partnership.boards }).waitFor();
    expect(other.pageErrors).toEqual([]);
    await other.context.close();
  });

  it('opens the profile menu with Tab and Enter, and Escape closes it and returns focus to its button', async () => {
    const { context, page, pageErrors } = await openPage(browser);
    await signInWithForm(page, server.url, facilitator.email, DEMO_PASSWORD);
    await page.waitForURL(/\/p\/[0-9a-f-]{36}$/);
    const menuButton = page.getByRole('button', { name: menuButtonName });
    await menuButton.waitFor();

    await tabTo(page, menuButtonName);
    await page.keyboard.press('Enter');
    await page.locator(`button[aria-label="${menuButtonName}"][aria-expanded="true"]`).waitFor();
    const signOut = page.getByRole('button', { name: en.profile.signOut });
    await signOut.waitFor();
    // The panel follows its button in the tab order, so the next Tab enters it.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(en.profile.myPartnerships);

    await page.keyboard.press('Escape');
    await signOut.waitFor({ state: 'detached' });
    expect(await menuButton.getAttribute('aria-expanded')).toBe('false');
    expect(await menuButton.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
