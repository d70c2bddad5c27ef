import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../app/i18n/messages/en.json';
import { fillTemplate, waitForSaved, waitForValue, openPage, seriousA11yViolations, signInWithForm } from '../support/browser';
import type { TrackedPage } from '../support/browser';
import { chromiumPath } from '../support/environment';
import type { AccordProcess } from '../support/server';
import { withAccordAndChromium } from '../support/browser-suite';

const S = en.ibbSession;
const fill = fillTemplate;

const waitForSavedBoard = (page: Page) => waitForSaved(page, en.board.status.saved);

describe.skipIf(!chromiumPath)('an IBB session in three browsers', () => {
  let server: AccordProcess;
  let browser: Browser;
  let partnershipId: string;
  const fiona = { name: 'Fiona Facilitator', email: '', password: '', id: '' };
  const lena = { name: 'Lena Labor', email: '', password: '', id: '' };
  const marco = { name: 'Marco Management', email: '', password: '', id: '' };
  const open: TrackedPage[] = [];

  withAccordAndChromium({}, (s, b) => {
    server = s;
    browser = b;
  });
  beforeAll(async () => {
    partnershipId = (await server.fixture('partnership', { name: 'Lakeside' })).id;
    for (const [person, party, role] of [
      [fiona, 'neutral', 'facilitator'],
      [lena, 'labor', 'union_president'],
      [marco, 'management', 'superintendent'],
    ] as const) {
      const built = await server.fixture('user', { partnershipId, party, role, name: person.name });
      Object.assign(person, { email: built.email, password: built.password, id: built.id });
    }
  });
  afterAll(async () => {
    await Promise.all(open.map((p) => p.context.close()));
  });

  async function signedIn(person: { email: string; password: string }): Promise<TrackedPage> {
    const tracked = await openPage(browser);
    open.push(tracked);
    await signInWithForm(tracked.page, server.url, person.email, person.password);
    return tracked;
  }

  /** A session Fiona facilitates, with these people as their parties' chief spokespersons. */
  async function sessionOf(title: string, spokespersons: { id: string }[]): Promise<string> {
    const participants = [{ userId: fiona.id, role: 'facilitator' as const }, ...spokespersons.map((p) => ({ userId: p.id, role: 'chief_spokesperson' as const }))];
    return (await server.fixture('ibbSession', { actorId: fiona.id, partnershipId, input: { title, participants } })).id;
  }

  it('is set up from the UI, shows both spokespersons the board live, and keeps each caucus to its party', async () => {
    const f = await signedIn(fiona);
    await f.page.goto(`${server.url}/p/${partnershipId}`);
    await f.page.getByRole('link', { name: en.ibbHome.new }).click();
    await f.page.getByRole('heading', { level: 1, name: en.ibbNew.pageTitle }).waitFor();
    await f.page.getByLabel(en.ibbNew.title, { exact: true }).fill('Spring 2025 bargaining');
    await f.page.getByLabel(en.ibbNew.startsOn).fill('2025-03-03');
    await f.page.getByLabel(fill(en.ibbNew.roleFor, { name: lena.name })).selectOption('chief_spokesperson');
    await f.page.getByLabel(fill(en.ibbNew.roleFor, { name: marco.name })).selectOption('chief_spokesperson');
    await f.page.getByRole('button', { name: en.ibbNew.create }).click();
    await f.page.waitForURL(/\/ibb\/[0-9a-f-]{36}$/);
    const sessionUrl = f.page.url();
    await f.page.getByRole('heading', { level: 1, name: 'Spring 2025 bargaining' }).waitFor();
    await waitForSavedBoard(f.page);

    // Both spokespersons open the session; the facilitator writes, they see it arrive.
    const [l, m] = await Promise.all([signedIn(lena), signedIn(marco)]);
    await Promise.all([l.page.goto(sessionUrl), m.page.goto(sessionUrl)]);
    await Promise.all([waitForSavedBoard(l.page), waitForSavedBoard(m.page)]);

    const issue = 'How can we keep class sizes manageable?';
    await f.page.getByLabel(S.issues.add, { exact: true }).fill(issue);
    await f.page.getByRole('button', { name: S.issues.addSubmit }).click();
    const issueLabel = fill(S.issues.label, { position: 1 });
    await Promise.all([waitForValue(l.page, issueLabel, issue), waitForValue(m.page, issueLabel, issue)]);

    const interest = 'Every student gets individual attention';
    const addInterest = f.page.locator('form').filter({ has: f.page.getByLabel(fill(S.interests.add, { position: 1 }), { exact: true }) });
    await addInterest.getByLabel(fill(S.interests.add, { position: 1 }), { exact: true }).fill(interest);
    await addInterest.getByLabel(S.interests.holderLabel).selectOption('mutual');
    await addInterest.getByRole('button', { name: S.interests.addSubmit }).click();
    const interestLabel = fill(S.interests.label, { holder: S.holders.mutual, position: 1, issue: 1 });
    await Promise.all([waitForValue(l.page, interestLabel, interest), waitForValue(m.page, interestLabel, interest)]);
    // Mutual interests have their own, prominent block.
    await m.page.getByRole('heading', { name: S.interests.block.mutual }).first().waitFor();
    await Promise.all([waitForSavedBoard(f.page), waitForSavedBoard(l.page), waitForSavedBoard(m.page)]);
    expect(await seriousA11yViolations(l.page), 'session page').toEqual([]);

    // The labor caucus board opens for labor, and is a plain 404 for management.
    const caucusPath = `${new URL(sessionUrl).pathname}/caucus/labor`;
    await l.page.getByRole('link', { name: fill(S.caucus.openBoard, { party: en.parties.labor }) }).click();
    await l.page.waitForURL((url) => url.pathname === caucusPath);
    await waitForSavedBoard(l.page);
    await l.page.getByRole('heading', { name: 'Our interests' }).waitFor();
    expect(await m.page.getByRole('link', { name: fill(S.caucus.openBoard, { party: en.parties.labor }) }).count()).toBe(0);
    const refused = await m.page.goto(`${server.url}${caucusPath}`);
    expect(refused?.status()).toBe(404);
    await m.page.getByRole('heading', { level: 1, name: en.notFound.title }).waitFor();
    expect(await m.page.content()).not.toContain('Our interests');

    expect(f.pageErrors).toEqual([]);
    expect(l.pageErrors).toEqual([]);
    expect(m.pageErrors).toEqual([]);
  });

  it('runs the table live: timer, spotlight, speaking queue, caucus banner, anonymous options and the lock', async () => {
    const sessionId = await sessionOf('Calendar talks', [lena, marco]);
    const url = `${server.url}/p/${partnershipId}/ibb/${sessionId}`;
    const [f, l, m] = await Promise.all([signedIn(fiona), signedIn(lena), signedIn(marco)]);
    await Promise.all([f.page.goto(url), l.page.goto(url), m.page.goto(url)]);
    await Promise.all([waitForSavedBoard(f.page), waitForSavedBoard(l.page), waitForSavedBoard(m.page)]);

    // The shared timer runs on every screen.
    await f.page.getByLabel(S.timer.minutes, { exact: true }).fill('5');
    await f.page.getByRole('button', { name: S.timer.start }).click();
    await l.page.getByRole('timer').filter({ hasText: /^[45]:\d\d$/ }).waitFor();

    // An issue goes into everyone's spotlight.
    const issue = 'How can we align the calendar with the community college?';
    await f.page.getByLabel(S.issues.add, { exact: true }).fill(issue);
    await f.page.getByRole('button', { name: S.issues.addSubmit }).click();
    await f.page.getByRole('button', { name: fill(S.spotlight.put, { item: fill(S.issues.label, { position: 1 }) }) }).click();
    // On Lena's screen too, before she clicks: a spotlight scrolls each screen to its item,
    // and a click sent while the page moves can land beside its button.
    await Promise.all([m.page, l.page].map((p) => p.getByTestId('spotlight-bar').filter({ hasText: issue }).waitFor()));

    // A raised hand reaches the facilitator, who gives the floor.
    await l.page.getByRole('button', { name: S.queue.raise }).click();
    await l.page.getByRole('button', { name: S.queue.lower, pressed: true }).waitFor();
    await f.page.getByText('1 hand raised', { exact: true }).waitFor();
    await f.page.getByRole('button', { name: S.queue.next }).click();
    await m.page.getByTestId('current-speaker').filter({ hasText: fill(S.queue.speaking, { name: lena.name, party: en.parties.labor }) }).waitFor();

    // Management caucuses: everyone sees the banner and the clock stops; only management gets its board.
    await m.page.getByLabel(S.caucus.minutes).fill('10');
    await m.page.getByRole('button', { name: S.caucus.call }).click();
    const banner = new RegExp(`^${en.parties.management} in caucus until `);
    await Promise.all([l.page.getByTestId('caucus-banner').filter({ hasText: banner }).waitFor(), f.page.getByTestId('caucus-banner').filter({ hasText: banner }).waitFor()]);
    await f.page.getByText(S.timer.paused, { exact: true }).waitFor();
    await m.page.getByRole('link', { name: fill(S.caucus.openBoard, { party: en.parties.management }) }).waitFor();
    expect(await l.page.getByRole('link', { name: fill(S.caucus.openBoard, { party: en.parties.management }) }).count()).toBe(0);
    await m.page.getByRole('button', { name: S.caucus.endOurs }).click();
    await l.page.getByTestId('caucus-banner').waitFor({ state: 'detached' });

    // Anonymous brainstorming: the option arrives with no name and no party.
    await f.page.getByLabel(S.facilitator.anonymityLabel).selectOption('anonymous');
    await f.page.getByRole('button', { name: S.facilitator.announce }).click();
    await l.page.getByTestId('anonymity-notice').filter({ hasText: S.anonymity.mode.anonymous }).waitFor();
    const option = 'Shared professional days with the college';
    await l.page.getByLabel(fill(S.options.add, { position: 1 }), { exact: true }).fill(option);
    await l.page.getByRole('button', { name: S.options.addSubmit }).click();
    const card = m.page.locator('[data-spotlight^="option:"]').filter({ hasText: option });
    await card.getByText(S.options.anonymous, { exact: true }).waitFor();
    expect(await card.textContent()).not.toContain(lena.name);
    expect(await card.textContent()).not.toContain(en.parties.labor);

    // Locked: the spokespersons read, only the facilitator writes.
    await f.page.getByRole('button', { name: S.facilitator.lock }).click();
    await l.page.getByText(S.locked).waitFor();
    expect(await l.page.getByRole('textbox').count()).toBe(0);
    expect(await f.page.getByRole('textbox').count()).toBeGreaterThan(0);

    for (const p of [f, l, m]) expect(p.pageErrors).toEqual([]);
  });

  it('shows a change whose announcement was lost within seconds, with nobody doing anything', async () => {
    const sessionId = await sessionOf('Transfers', [lena]);
    const f = await signedIn(fiona);
    await f.page.goto(`${server.url}/p/${partnershipId}/ibb/${sessionId}`);
    await waitForSavedBoard(f.page);
    await f.page.getByText('No hands raised', { exact: true }).waitFor();
    await server.fixture('ibbRaiseHandUnannounced', { sessionId, userId: lena.id });
    // The screen re-reads the session every 15 s in any case.
    await f.page.getByText('1 hand raised', { exact: true }).waitFor({ timeout: 25_000 });
    expect(f.pageErrors).toEqual([]);
  });
});
