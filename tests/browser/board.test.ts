import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import en from '../../app/i18n/messages/en.json';
import { addNote } from '../../domain/board/team-board';
import { hasHorizontalScroll, openPage, seriousA11yViolations, signInWithForm } from '../support/browser';
import type { TrackedPage } from '../support/browser';
import { chromiumPath } from '../support/environment';
import type { AccordProcess } from '../support/server';
import { withAccordAndChromium } from '../support/browser-suite';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const STATUS = en.board.status;
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k]));
const noteLabel = (position: number, column: string) => fill(en.board.note.label, { position, column });

/**
 * The board as its reader sees it, read from the DOM: title, then each column's title and
 * its notes' text in order (the readBoard view without ids). Self-contained, because
 * Playwright runs it in the page.
 */
const SNAPSHOT = () =>
  JSON.stringify({
    title: document.querySelector('main h1')?.textContent ?? '',
    columns: Array.from(document.querySelectorAll('[data-column-id]'), (column) => ({
      title: column.querySelector('h2')?.textContent ?? '',
      notes: Array.from(column.querySelectorAll('[data-note-id] .note-text'), (text) => (text instanceof HTMLTextAreaElement ? text.value : (text.textContent ?? ''))),
    })),
  });

function snapshot(page: Page): Promise<string> {
  return page.evaluate(SNAPSHOT);
}

/** Waits until the page shows exactly this board content (re-checked on every frame, no timers). */
async function waitForSnapshot(page: Page, expected: string): Promise<void> {
  await page.waitForFunction(`(${SNAPSHOT.toString()})() === ${JSON.stringify(expected)}`);
}

async function waitForStatus(page: Page, text: string): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).waitFor();
}

async function waitForValue(page: Page, label: string, value: string): Promise<void> {
  await page.getByRole('textbox', { name: label, exact: true }).waitFor();
  await page.waitForFunction(
    ([l, v]) => Array.from(document.querySelectorAll('textarea')).some((t) => t.getAttribute('aria-label') === l && t.value === v),
    [label, value] as const,
  );
}

function presence(page: Page) {
  return page.getByRole('list', { name: en.board.presence.label });
}

describe.skipIf(!chromiumPath)('a team board in two browsers', () => {
  let server: AccordProcess;
  let browser: Browser;
  let partnershipId: string;
  let boardUrl: string;
  let boardId: string;
  const alma = { name: 'Alma Reyes', email: '', password: '', id: '' };
  const ben = { name: 'Ben Ortiz', email: '', password: '', id: '' };
  const ruth = { name: 'Ruth Observer', email: '', password: '', id: '' };
  const open: TrackedPage[] = [];

  withAccordAndChromium({}, (s, b) => {
    server = s;
    browser = b;
  });
  beforeAll(async () => {
    partnershipId = (await server.fixture('partnership', { name: 'Riverbend' })).id;
    for (const [person, party, role] of [
      [alma, 'labor', 'teacher'],
      [ben, 'management', 'administrator'],
      [ruth, 'neutral', 'researcher'],
    ] as const) {
      const built = await server.fixture('user', { partnershipId, party, role, name: person.name });
      Object.assign(person, { email: built.email, password: built.password, id: built.id });
    }
    boardId = (await server.fixture('board', { actorId: alma.id, partnershipId, input: { title: 'Staffing ideas' } })).id;
    boardUrl = `${server.url}/p/${partnershipId}/boards/${boardId}`;
  });
  afterAll(async () => {
    await Promise.all(open.map((p) => p.context.close()));
  });

  async function signedIn(person: { email: string; password: string }, options = {}): Promise<TrackedPage> {
    const tracked = await openPage(browser, options);
    open.push(tracked);
    await signInWithForm(tracked.page, server.url, person.email, person.password);
    return tracked;
  }

  /** Alma and Ben on a new board (default columns), both pages saved. */
  async function twoOnNewBoard(title: string): Promise<{ a: TrackedPage; b: TrackedPage; id: string; url: string }> {
    const { id } = await server.fixture('board', { actorId: alma.id, partnershipId, input: { title } });
    const url = `${server.url}/p/${partnershipId}/boards/${id}`;
    const [a, b] = await Promise.all([signedIn(alma), signedIn(ben)]);
    await Promise.all([a.page.goto(url), b.page.goto(url)]);
    await Promise.all([waitForStatus(a.page, STATUS.saved), waitForStatus(b.page, STATUS.saved)]);
    return { a, b, id, url };
  }

  it('shows each person the other’s edits and presence, and merges an offline spell', async () => {
    const [a, b] = await Promise.all([signedIn(alma), signedIn(ben)]);
    await Promise.all([a.page.goto(boardUrl), b.page.goto(boardUrl)]);
    await Promise.all([waitForStatus(a.page, STATUS.saved), waitForStatus(b.page, STATUS.saved)]);

    // Presence: each sees the other, named by the server from their session.
    await presence(a.page).getByText(ben.name, { exact: true }).waitFor();
    await presence(b.page).getByText(alma.name, { exact: true }).waitFor();

    // A adds a note; B sees it.
    const label = noteLabel(1, 'Ideas');
    await a.page.getByRole('button', { name: fill(en.board.column.addNoteTo, { column: 'Ideas' }) }).click();
    const aNote = a.page.getByRole('textbox', { name: label, exact: true });
    await aNote.fill('Reading coaches');
    await waitForValue(b.page, label, 'Reading coaches');

    // B edits it; A sees the edit, and sees that B is the one editing that note.
    const bNote = b.page.getByRole('textbox', { name: label, exact: true });
    await bNote.fill('Reading coaches in every school');
    await waitForValue(a.page, label, 'Reading coaches in every school');
    const aNoteCard = a.page.getByRole('article', { name: label });
    await aNoteCard.getByText(fill(en.board.note.editing, { name: ben.name })).waitFor();
    await Promise.all([waitForStatus(a.page, STATUS.saved), waitForStatus(b.page, STATUS.saved)]);

    // B agrees with the note; A sees the count, with the thumb drawn as an icon (a district
    // laptop or a projector may have no emoji font).
    await b.page.getByRole('button', { name: fill(en.board.note.agree, { count: 0 }) }).click();
    await b.page.getByRole('button', { name: fill(en.board.note.agree, { count: 1 }), pressed: true }).waitFor();
    const aAgree = aNoteCard.getByRole('button', { name: fill(en.board.note.agree, { count: 1 }), pressed: false });
    await aAgree.waitFor();
    expect(await aAgree.locator('svg').count()).toBe(1);
    expect(await aAgree.textContent()).toBe('1');

    // B goes offline and keeps editing; A edits the same note meanwhile.
    await b.context.setOffline(true);
    await waitForStatus(b.page, STATUS.offline);
    await bNote.fill('Reading coaches in every school, from January');
    await waitForStatus(b.page, STATUS.offline);
    await aNote.fill('Two reading coaches in every school');
    await waitForStatus(a.page, STATUS.saved);
    expect(await bNote.inputValue(), 'offline B has not received A’s edit').toBe('Reading coaches in every school, from January');
    await a.page.getByRole('textbox', { name: en.board.title, exact: true }).fill('Staffing ideas (draft)');
    await waitForStatus(a.page, STATUS.saved);

    // Back online: both edits survive, both pages converge, and B's work is saved.
    await b.context.setOffline(false);
    const merged = 'Two reading coaches in every school, from January';
    await Promise.all([waitForValue(a.page, label, merged), waitForValue(b.page, label, merged)]);
    await Promise.all([waitForStatus(a.page, STATUS.saved), waitForStatus(b.page, STATUS.saved)]);
    const final = await snapshot(a.page);
    await waitForSnapshot(b.page, final);
    expect(JSON.parse(final)).toEqual({
      title: 'Staffing ideas (draft)',
      columns: [
        { title: 'Ideas', notes: [merged] },
        { title: 'Questions', notes: [] },
        { title: 'Next steps', notes: [] },
      ],
    });
    await presence(a.page).getByText(ben.name, { exact: true }).waitFor();

    // A reload of B's page (online) brings back the same content.
    await b.page.reload();
    await waitForStatus(b.page, STATUS.saved);
    await waitForSnapshot(b.page, final);

    // The saved board downloads as CSV, with B's session, from the link on the page.
    const href = await b.page.getByRole('link', { name: en.board.export }).getAttribute('href');
    expect(href).toBe(`/api/boards/${boardId}/export`);
    const csv = await b.page.evaluate(async (url) => (await fetch(url)).text(), href ?? '');
    expect(csv).toContain(`note,`);
    expect(csv).toContain(`Ideas,1,yellow,1,"${merged}"`);

    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });

  it('has no serious or critical accessibility problems on the board page', async () => {
    const a = await signedIn(alma);
    await a.page.goto(boardUrl);
    await waitForStatus(a.page, STATUS.saved);
    await a.page.getByRole('article', { name: noteLabel(1, 'Ideas') }).waitFor();
    expect(await seriousA11yViolations(a.page)).toEqual([]);
    expect(a.pageErrors).toEqual([]);
  });

  it('moves a note to the next column from the keyboard, keeping focus on it', async () => {
    const a = await signedIn(alma);
    await a.page.goto(boardUrl);
    await waitForStatus(a.page, STATUS.saved);
    const moveRight = a.page.getByRole('button', { name: fill(en.board.note.moveRight, { column: 'Questions' }) });
    await moveRight.focus();
    await a.page.keyboard.press('Enter');
    await a.page.getByRole('article', { name: noteLabel(1, 'Questions') }).waitFor();
    // Focus follows the note, so pressing Enter again keeps moving it.
    await a.page.keyboard.press('Enter');
    await a.page.getByRole('article', { name: noteLabel(1, 'Next steps') }).waitFor();
    await a.page.getByRole('button', { name: fill(en.board.note.moveLeft, { column: 'Questions' }) }).click();
    await a.page.getByRole('article', { name: noteLabel(1, 'Questions') }).waitFor();
    await waitForStatus(a.page, STATUS.saved);
    expect(a.pageErrors).toEqual([]);
  });

  it('removes a column after asking: its notes move to the column before it, for everyone', async () => {
    const { a, b } = await twoOnNewBoard('Columns');
    await a.page.getByRole('button', { name: fill(en.board.column.addNoteTo, { column: 'Questions' }) }).click();
    await a.page.getByRole('textbox', { name: noteLabel(1, 'Questions'), exact: true }).fill('Which days?');
    await waitForValue(b.page, noteLabel(1, 'Questions'), 'Which days?');

    const remove = a.page.getByRole('button', { name: fill(en.board.column.removeNamed, { column: 'Questions' }) });
    const messages: string[] = [];
    // Cancelled: nothing changes.
    a.page.once('dialog', (d) => void (messages.push(d.message()), d.dismiss()));
    await remove.click();
    expect(await a.page.locator('[data-column-id]').count()).toBe(3);
    // Accepted: the note moves to "Ideas", on both screens, and focus lands on that column.
    a.page.once('dialog', (d) => void (messages.push(d.message()), d.accept()));
    await remove.click();
    expect(messages).toEqual([0, 1].map(() => en.board.column.removeConfirm.replace(/\{count, plural.*\}\}$/, 'Its note moves to “Ideas”.').replace('{column}', 'Questions')));
    const expected = { title: 'Columns', columns: [{ title: 'Ideas', notes: ['Which days?'] }, { title: 'Next steps', notes: [] }] };
    await waitForSnapshot(a.page, JSON.stringify(expected));
    await waitForSnapshot(b.page, JSON.stringify(expected));
    expect(await a.page.evaluate(() => document.activeElement?.closest('[data-column-id]')?.querySelector('h2')?.textContent)).toBe('Ideas');
    await Promise.all([waitForStatus(a.page, STATUS.saved), waitForStatus(b.page, STATUS.saved)]);

    // The last column stays: no button to remove it.
    a.page.once('dialog', (d) => void d.accept());
    await a.page.getByRole('button', { name: fill(en.board.column.removeNamed, { column: 'Next steps' }) }).click();
    await a.page.locator('[data-column-id]').nth(1).waitFor({ state: 'detached' });
    expect(await a.page.getByRole('button', { name: fill(en.board.column.removeNamed, { column: 'Ideas' }) }).count()).toBe(0);
    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });

  it('lets a person whose device holds changes the server refuses discard them, keeping everything saved', async () => {
    const { a, b, id, url } = await twoOnNewBoard('Refused');
    await a.page.getByRole('button', { name: fill(en.board.column.addNoteTo, { column: 'Ideas' }) }).click();
    await a.page.getByRole('textbox', { name: noteLabel(1, 'Ideas'), exact: true }).fill('Kept');
    await waitForValue(b.page, noteLabel(1, 'Ideas'), 'Kept');
    await waitForStatus(a.page, STATUS.saved);

    // Alma's offline copy of the board gets content the server refuses outright: one
    // update writing under 65 new clientIDs (the server binds at most 64 per person and hour),
    // a note of hers among them.
    const ideas = await a.page.locator('[data-column-id]').first().getAttribute('data-column-id');
    const writers = Array.from({ length: 65 }, (_, i) => {
      const d = new Y.Doc();
      if (i === 0) addNote(d, { id: 'refused-note', column: ideas ?? '', text: 'Only on this device' });
      else d.getMap('elsewhere').set(`k${i}`, i);
      return Y.encodeStateAsUpdate(d);
    });
    const poison = Array.from(Y.mergeUpdates(writers));
    await a.page.goto(`${server.url}/p/${partnershipId}`);
    await a.page.evaluate(
      ([name, bytes]) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction('updates', 'readwrite');
            tx.objectStore('updates').add(new Uint8Array(bytes));
            tx.oncomplete = () => (db.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      [`accord:${alma.id}:board:${id}`, poison] as const,
    );

    // Every exchange would send it again: the status says so and offers the way out.
    await a.page.goto(url);
    await waitForStatus(a.page, STATUS.refused);
    await waitForValue(a.page, noteLabel(2, 'Ideas'), 'Only on this device');
    // What she wrote can be kept by hand first: the board as this device holds it, as a file.
    const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.getByRole('button', { name: STATUS.download }).click()]);
    expect(download.suggestedFilename()).toBe('refused-this-device.json');
    const copy = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as { content: { title: string; notes: { text: string }[] } };
    expect(copy.content.title).toBe('Refused');
    expect(copy.content.notes.map((n) => n.text).sort()).toEqual(['Kept', 'Only on this device']);
    const discard = a.page.getByRole('button', { name: STATUS.discard });
    const messages: string[] = [];
    a.page.once('dialog', (d) => void (messages.push(d.message()), d.dismiss()));
    await discard.click();
    await waitForStatus(a.page, STATUS.refused);
    a.page.once('dialog', (d) => void (messages.push(d.message()), d.accept()));
    await discard.click();
    expect(messages).toEqual([STATUS.discardConfirm, STATUS.discardConfirm]);
    // The page loads again from the server: what was saved is there, the refused content is gone for good.
    const expected = JSON.stringify({ title: 'Refused', columns: [{ title: 'Ideas', notes: ['Kept'] }, { title: 'Questions', notes: [] }, { title: 'Next steps', notes: [] }] });
    await waitForStatus(a.page, STATUS.saved);
    await waitForSnapshot(a.page, expected);
    await a.page.reload();
    await waitForStatus(a.page, STATUS.saved);
    await waitForSnapshot(a.page, expected);
    // Nothing refused ever reached Ben, who kept working throughout.
    await waitForStatus(b.page, STATUS.saved);
    await waitForSnapshot(b.page, expected);
    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });

  it('takes back a person’s own changes with Undo (Ctrl+Z) and Redo, for everyone, leaving the other person’s alone', async () => {
    const { a, b } = await twoOnNewBoard('Undo');
    const addTo = (page: Page, column: string) => page.getByRole('button', { name: fill(en.board.column.addNoteTo, { column }) }).click();
    await addTo(a.page, 'Ideas');
    await a.page.getByRole('textbox', { name: noteLabel(1, 'Ideas'), exact: true }).fill('Release days');
    await waitForValue(b.page, noteLabel(1, 'Ideas'), 'Release days');
    await addTo(b.page, 'Questions');
    await b.page.getByRole('textbox', { name: noteLabel(1, 'Questions'), exact: true }).fill('Which schools?');
    await waitForValue(a.page, noteLabel(1, 'Questions'), 'Which schools?');

    const undo = a.page.getByRole('button', { name: en.board.undo, exact: true });
    const redo = a.page.getByRole('button', { name: en.board.redo, exact: true });
    expect(await redo.isDisabled()).toBe(true);
    a.page.once('dialog', (d) => void d.accept());
    await a.page.getByRole('button', { name: fill(en.board.note.delete, { position: 1, column: 'Ideas' }) }).click();
    const withoutMine = JSON.stringify({ title: 'Undo', columns: [{ title: 'Ideas', notes: [] }, { title: 'Questions', notes: ['Which schools?'] }, { title: 'Next steps', notes: [] }] });
    const withMine = JSON.stringify({ title: 'Undo', columns: [{ title: 'Ideas', notes: ['Release days'] }, { title: 'Questions', notes: ['Which schools?'] }, { title: 'Next steps', notes: [] }] });
    await waitForSnapshot(b.page, withoutMine);

    // From the keyboard: the deleted note comes back, with its text, on both screens.
    await a.page.locator('body').click({ position: { x: 5, y: 5 } });
    await a.page.keyboard.press('Control+z');
    await waitForSnapshot(a.page, withMine);
    await waitForSnapshot(b.page, withMine);
    await redo.click();
    await waitForSnapshot(b.page, withoutMine);
    await undo.click();
    await waitForSnapshot(b.page, withMine);
    // Undoing further takes back Alma's typing and her note, never Ben's note.
    while (await undo.isEnabled()) await undo.click();
    const none = JSON.stringify({ title: 'Undo', columns: [{ title: 'Ideas', notes: [] }, { title: 'Questions', notes: ['Which schools?'] }, { title: 'Next steps', notes: [] }] });
    await waitForSnapshot(a.page, none);
    await waitForSnapshot(b.page, none);
    await Promise.all([waitForStatus(a.page, STATUS.saved), waitForStatus(b.page, STATUS.saved)]);
    // Someone who may only view the board has nothing to undo.
    const viewer = await signedIn(ruth);
    await viewer.page.goto(a.page.url());
    await waitForStatus(viewer.page, STATUS.viewOnly);
    expect(await viewer.page.getByRole('button', { name: en.board.undo, exact: true }).count()).toBe(0);
    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });

  it('says so while offline, and asks before the page closes, when this device cannot keep unsaved changes', async () => {
    const { id } = await server.fixture('board', { actorId: alma.id, partnershipId, input: { title: 'No storage' } });
    const url = `${server.url}/p/${partnershipId}/boards/${id}`;
    const a = await signedIn(alma);
    // A browser that offers no IndexedDB (some private windows): nothing outlives the page.
    await a.context.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }));
    await a.page.goto(url);
    await waitForStatus(a.page, STATUS.saved);
    await a.context.setOffline(true);
    await waitForStatus(a.page, STATUS.offlineInPage);
    await a.page.getByRole('button', { name: fill(en.board.column.addNoteTo, { column: 'Ideas' }) }).click();
    await a.page.getByRole('textbox', { name: noteLabel(1, 'Ideas'), exact: true }).fill('Only in this page');

    const asked = a.page.waitForEvent('dialog');
    await a.page.close({ runBeforeUnload: true });
    const dialog = await asked;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss();
    expect(a.page.isClosed()).toBe(false);

    // Back online the change is saved, and the page closes without asking.
    await a.context.setOffline(false);
    await waitForStatus(a.page, STATUS.saved);
    const b = await signedIn(ben);
    await b.page.goto(url);
    await waitForValue(b.page, noteLabel(1, 'Ideas'), 'Only in this page');
    const dialogs: string[] = [];
    a.page.on('dialog', (d) => void (dialogs.push(d.type()), d.accept()));
    const closed = new Promise<void>((resolve) => a.page.once('close', () => resolve()));
    await a.page.close({ runBeforeUnload: true });
    await closed;
    expect(dialogs).toEqual([]);
  });

  it('moves a column from the keyboard, keeping focus on it; the other person sees the new order', async () => {
    const { a, b } = await twoOnNewBoard('Order');
    const order = (titles: string[]) => JSON.stringify({ title: 'Order', columns: titles.map((title) => ({ title, notes: [] })) });
    await a.page.getByRole('button', { name: fill(en.board.column.moveRight, { column: 'Ideas' }) }).focus();
    await a.page.keyboard.press('Enter');
    await waitForSnapshot(a.page, order(['Questions', 'Ideas', 'Next steps']));
    await a.page.keyboard.press('Enter');
    await waitForSnapshot(a.page, order(['Questions', 'Next steps', 'Ideas']));
    await waitForSnapshot(b.page, order(['Questions', 'Next steps', 'Ideas']));
    // At the right edge there is no "right" any more: focus stays in the column, on "left".
    await a.page.waitForFunction((name) => document.activeElement?.getAttribute('aria-label') === name, fill(en.board.column.moveLeft, { column: 'Ideas' }));
    await Promise.all([waitForStatus(a.page, STATUS.saved), waitForStatus(b.page, STATUS.saved)]);
    await b.page.reload();
    await waitForSnapshot(b.page, order(['Questions', 'Next steps', 'Ideas']));
    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });

  it('shows the board on the room’s screen in large type, live, and only to those who may open it', async () => {
    const { a, b } = await twoOnNewBoard('Room screen');
    const screen = await a.context.newPage();
    await screen.goto(`${server.url}${await a.page.getByRole('link', { name: en.board.projector.open }).getAttribute('href')}`);
    const projector = screen.getByTestId('board-projector');
    await projector.getByRole('heading', { name: 'Room screen', level: 1 }).waitFor();

    await b.page.getByRole('button', { name: fill(en.board.column.addNoteTo, { column: 'Ideas' }) }).click();
    await b.page.getByRole('textbox', { name: noteLabel(1, 'Ideas'), exact: true }).fill('Coaches in every school');
    const note = projector.locator('[data-note-id]').filter({ hasText: 'Coaches in every school' });
    await note.waitFor();
    expect(await note.locator('.note-text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(24);
    await a.page.getByRole('button', { name: fill(en.board.note.agree, { count: 0 }) }).click();
    await note.getByText(fill(en.board.note.agree, { count: 1 })).waitFor({ state: 'attached' });
    expect(await seriousA11yViolations(screen)).toEqual([]);

    // Most agreed first: a second note with two agreements moves above the first, on this
    // screen only, and stays so after a reload (the choice is in the address).
    await b.page.getByRole('button', { name: fill(en.board.column.addNoteTo, { column: 'Ideas' }) }).click();
    await b.page.getByRole('textbox', { name: noteLabel(2, 'Ideas'), exact: true }).fill('Longer lunch');
    for (const [page, before] of [[a.page, 0], [b.page, 1]] as const) {
      await page.locator('[data-note-id]').nth(1).getByRole('button', { name: fill(en.board.note.agree, { count: before }) }).click();
    }
    const projected = () => projector.locator('[data-note-id] .note-text').allTextContents();
    const byAgreement = projector.getByRole('button', { name: en.board.projector.byAgreement });
    await projector.locator('[data-note-id]').nth(1).getByText(fill(en.board.note.agree, { count: 2 })).waitFor({ state: 'attached' });
    expect(await projected()).toEqual(['Coaches in every school', 'Longer lunch']);
    await byAgreement.click();
    expect(await byAgreement.getAttribute('aria-pressed')).toBe('true');
    expect(await projected()).toEqual(['Longer lunch', 'Coaches in every school']);
    await screen.reload();
    await projector.locator('[data-note-id]').nth(1).waitFor();
    await screen.waitForFunction(() => document.querySelector('[aria-pressed="true"]') !== null);
    expect(await projected()).toEqual(['Longer lunch', 'Coaches in every school']);
    await byAgreement.click();
    expect(await projected()).toEqual(['Coaches in every school', 'Longer lunch']);
    // The board itself keeps its order.
    expect(JSON.parse(await snapshot(a.page)).columns[0].notes).toEqual(['Coaches in every school', 'Longer lunch']);

    // Another party's private board: the same "not found" as its board page.
    const { id: privateId } = await server.fixture('board', { actorId: alma.id, partnershipId, input: { title: 'Labor only', privateToParty: 'labor' } });
    const refused = await b.page.goto(`${server.url}/p/${partnershipId}/boards/${privateId}/projector`);
    expect(refused?.status()).toBe(404);
    expect(await b.page.content()).not.toContain('Labor only');
    await screen.close();
    expect(a.pageErrors).toEqual([]);
  });

  it('shows a long title and a long note whole on a phone: titles wrap and Enter adds no line break, notes grow', async () => {
    const longTitle = 'Spring professional development: what should we plan for the release days?';
    const { id } = await server.fixture('board', { actorId: alma.id, partnershipId, input: { title: longTitle } });
    const a = await signedIn(alma, PHONE);
    await a.page.goto(`${server.url}/p/${partnershipId}/boards/${id}`);
    await waitForStatus(a.page, STATUS.saved);
    const title = a.page.getByRole('textbox', { name: en.board.title, exact: true });
    await a.page.waitForFunction((t) => Array.from(document.querySelectorAll('textarea')).some((el) => el.value === t), longTitle);
    const box = () =>
      title.evaluate((el) => ({ lineHeight: parseFloat(getComputedStyle(el).lineHeight), height: el.clientHeight, scrollHeight: el.scrollHeight, scrollWidth: el.scrollWidth, width: el.clientWidth }));
    const wrapped = await box();
    expect(wrapped.scrollWidth, 'nothing hidden sideways').toBeLessThanOrEqual(wrapped.width);
    expect(wrapped.scrollHeight, 'nothing hidden below').toBeLessThanOrEqual(wrapped.height);
    expect(wrapped.height, 'more than one line').toBeGreaterThan(wrapped.lineHeight * 1.5);
    await title.focus();
    await a.page.keyboard.press('End');
    await a.page.keyboard.press('Enter');
    await a.page.keyboard.type(' Now');
    await a.page.waitForFunction((t) => Array.from(document.querySelectorAll('textarea')).some((el) => el.value === t), `${longTitle} Now`);
    await waitForStatus(a.page, STATUS.saved);

    // A long note grows with its text instead of hiding lines behind a scrollbar; Enter
    // does add a line there.
    await a.page.getByRole('button', { name: fill(en.board.column.addNoteTo, { column: 'Ideas' }) }).click();
    const note = a.page.getByRole('textbox', { name: noteLabel(1, 'Ideas'), exact: true });
    await note.focus();
    await a.page.keyboard.type('Which days can the calendar committee free up without moving the state testing window?');
    await a.page.keyboard.press('Enter');
    await a.page.keyboard.type('Ask the high schools first.');
    expect(await note.inputValue()).toContain('window?\nAsk');
    const noteBox = await note.evaluate((el) => ({ lineHeight: parseFloat(getComputedStyle(el).lineHeight), height: el.clientHeight, scrollHeight: el.scrollHeight }));
    expect(noteBox.scrollHeight, 'no line of the note hidden').toBeLessThanOrEqual(noteBox.height);
    expect(noteBox.height, 'the note grew past three lines').toBeGreaterThan(noteBox.lineHeight * 4);
    await waitForStatus(a.page, STATUS.saved);
    expect(await hasHorizontalScroll(a.page), 'board on a phone').toBe(false);
    expect(a.pageErrors).toEqual([]);
  });

  it('lets a member start a board from the partnership home; a researcher sees boards read-only, also on a phone', async () => {
    const a = await signedIn(alma);
    await a.page.goto(`${server.url}/p/${partnershipId}`);
    await a.page.getByRole('heading', { level: 2, name: en.boards.title }).waitFor();
    await a.page.getByLabel(en.boards.titleLabel).fill('Calendar questions');
    await a.page.getByRole('button', { name: en.boards.create }).click();
    await a.page.waitForURL(/\/boards\/[0-9a-f-]{36}$/);
    await waitForStatus(a.page, STATUS.saved);
    await a.page.getByRole('textbox', { name: en.board.column.title }).first().waitFor();
    const offlineCopies = () => a.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('accord:')));
    expect(await offlineCopies()).toContain(`accord:${alma.id}:board:${new URL(a.page.url()).pathname.split('/').pop() ?? ''}`);

    // Signing out deletes this browser's offline copies.
    await a.page.getByRole('button', { name: fill(en.profile.menu, { name: alma.name }) }).click();
    await a.page.getByRole('button', { name: en.profile.signOut }).click();
    await a.page.waitForURL(/\/signin/);
    expect(await offlineCopies()).toEqual([]);

    const r = await signedIn(ruth, PHONE);
    await r.page.goto(`${server.url}/p/${partnershipId}`);
    await r.page.getByRole('link', { name: 'Staffing ideas' }).waitFor();
    await r.page.getByRole('link', { name: 'Calendar questions' }).waitFor();
    expect(await r.page.getByRole('button', { name: en.boards.create }).count()).toBe(0);

    await r.page.getByRole('link', { name: 'Staffing ideas' }).click();
    await waitForStatus(r.page, STATUS.viewOnly);
    await r.page.getByRole('heading', { level: 1, name: 'Staffing ideas (draft)' }).waitFor();
    await r.page.getByText('Two reading coaches in every school, from January').waitFor();
    expect(await r.page.getByRole('textbox').count(), 'no editable fields for a researcher').toBe(0);
    expect(await r.page.getByRole('button', { name: fill(en.board.column.addNoteTo, { column: 'Ideas' }) }).count()).toBe(0);
    expect(await hasHorizontalScroll(r.page), 'board on a phone').toBe(false);
    expect(await seriousA11yViolations(r.page), 'view-only board').toEqual([]);
    expect(a.pageErrors).toEqual([]);
    expect(r.pageErrors).toEqual([]);
  });
});
