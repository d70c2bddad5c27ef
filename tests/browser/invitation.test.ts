import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import en from '../../app/i18n/messages/en.json';
import { DEMO_PASSWORD, DEMO_SIGN_INS } from '../../server/seed/demo-data';
import { openPage, signInWithForm, waitForHydration } from '../support/browser';
import { chromiumPath } from '../support/environment';
import type { AccordProcess } from '../support/server';
import { withAccordAndChromium } from '../support/browser-suite';

const facilitator = DEMO_SIGN_INS[0];
/** A new person per attempt (the test may be retried against the same server). */
function newInvitee() {
  const suffix = Math.random().toString(36).slice(2, 8);
  return { email: `new.teacher.${suffix}@riverside.example`, name: `Noor Invited ${suffix}`, password: 'a-good-long-password' };
}

describe.skipIf(!chromiumPath)('an invited person joins through the link', () => {
  let server: AccordProcess;
  let browser: Browser;

  withAccordAndChromium({ seedDemo: true }, (s, b) => {
    server = s;
    browser = b;
  });

  it('facilitator invites, invitee sets a password and lands in the partnership, the link then reads as used', async () => {
    const invitee = newInvitee();
    const admin = await openPage(browser);
    await signInWithForm(admin.page, server.url, facilitator.email, DEMO_PASSWORD);
    // Interact only with hydrated pages: on a loaded machine a click can otherwise land
    // while React is still hydrating.
    await admin.page.waitForLoadState('networkidle');
    await waitForHydration(admin.page);
    await admin.page.getByRole('link', { name: en.partnership.nav.people }).click();
    await admin.page.waitForURL(/\/p\/[0-9a-f-]{36}\/people$/);
    await admin.page.waitForLoadState('networkidle');
    const peopleUrl = admin.page.url();
    const partnershipPath = new URL(peopleUrl).pathname.replace(/\/people$/, '');

    const inviteForm = admin.page.locator('section', { has: admin.page.getByRole('heading', { name: en.invite.title }) });
    await inviteForm.getByLabel(en.invite.email).fill(invitee.email);
    await inviteForm.getByLabel(en.invite.role).selectOption('teacher');
    await inviteForm.getByLabel(en.invite.party).selectOption('labor');
    await inviteForm.getByRole('button', { name: en.invite.submit }).click();
    const linkField = admin.page.getByTestId('invitation-url');
    await linkField.waitFor();
    const link = await linkField.inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/invite/[A-Za-z0-9_-]{20,}$`));

    // A new context is a different person on a different machine: no shared cookies.
    const guest = await openPage(browser);
    await guest.page.goto(link, { waitUntil: 'networkidle' });
    await waitForHydration(guest.page);
    await guest.page.getByRole('heading', { level: 1, name: /^Join / }).waitFor();
    expect(await guest.page.getByLabel(en.accept.email).inputValue()).toBe(invitee.email);
    await guest.page.getByLabel(en.accept.name).fill(invitee.name);
    await guest.page.getByLabel(en.accept.password).fill(invitee.password);
    await guest.page.getByRole('button', { name: en.accept.submit }).click();
    await guest.page.waitForURL((url) => url.pathname === partnershipPath);
    await guest.page.getByRole('button', { name: `Account menu for ${invitee.name}` }).waitFor();

    // The demo has more people than one page shows: find the newcomer with the search box.
    await admin.page.reload({ waitUntil: 'networkidle' });
    await waitForHydration(admin.page);
    await admin.page.getByRole('searchbox', { name: en.people.search }).fill(invitee.name);
    await admin.page.getByRole('button', { name: en.people.searchSubmit }).click();
    await admin.page.waitForURL((url) => url.searchParams.get('q') === invitee.name);
    await admin.page.waitForLoadState('networkidle');
    await waitForHydration(admin.page);
    const row = admin.page.getByRole('row', { name: new RegExp(invitee.name) });
    await row.waitFor();
    expect(await row.textContent()).toContain(invitee.email);

    await guest.page.goto(link);
    await guest.page.getByRole('heading', { level: 1, name: en.accept.unusableTitle }).waitFor();
    const used = guest.page.getByRole('alert').filter({ hasText: en.accept.errors.invitation_used });
    await used.waitFor();

    expect(admin.pageErrors).toEqual([]);
    expect(guest.pageErrors).toEqual([]);
    await Promise.all([admin.context.close(), guest.context.close()]);
  });
});
