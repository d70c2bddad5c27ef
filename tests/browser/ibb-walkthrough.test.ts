import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../app/i18n/messages/en.json';
import { canonicalTaText } from '../../domain/ibb/session-rules';
import type { IbbPhase } from '../../domain/ibb/session-rules';
import type { SessionRecord } from '../../server/ibb/export/gather-session-record';
import { fillTemplate, waitForSaved, waitForValue, openPage, signInWithForm } from '../support/browser';
import type { TrackedPage } from '../support/browser';
import { chromiumPath } from '../support/environment';
import type { AccordProcess } from '../support/server';
import { withAccordAndChromium } from '../support/browser-suite';

const S = en.ibbSession;
const R = en.ibbRecords;
const fill = fillTemplate;
/** An English "{count, plural, one {…} other {…}}" message for a count. */
const plural = (template: string, count: number) => {
  const branch = new RegExp(`${count === 1 ? 'one' : 'other'} \\{([^}]*)\\}`).exec(template)?.[1] ?? template;
  return branch.replace('#', String(count));
};

const TITLE = 'Spring 2026 bargaining';
const ISSUE = 'How can we keep class sizes manageable?';
const LABOR_INTEREST = 'Every student gets individual attention';
const MANAGEMENT_INTEREST = 'Students get the attention they need to learn';
const OPTION = 'Add a classroom aide when a K–3 class passes 24';
const CRITERION = 'Affordable within the district budget';
const GROUND_RULES_QUESTION = 'Can everyone live with these ground rules?';
const ISSUE_QUESTION = 'Can everyone live with aides above 24 students?';
const CONCERN = 'The budget cannot carry an aide in every school in year one';
const TA_TITLE = 'TA 1: Class size';
const TA_SENTENCE = 'The district assigns a classroom aide within 10 school days whenever a K–3 class exceeds 24 students.';
const TA_TEXT = `Article 12 — Class size\n12.1 ${TA_SENTENCE}\n12.2 The parties review enrollment each October.`;
const CAUCUS_SECRET = `Labor bottom line: 26 students (${Math.random().toString(36).slice(2, 10)})`;

/** Every text on every page of a PDF (pdf.js, the legacy build for Node). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const fonts = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts/');
  const pdf = await pdfjs.getDocument({ data: bytes, standardFontDataUrl: fonts, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : '')).join(''));
  }
  await pdf.destroy();
  return pages.join('\n');
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Waits until the page's sync status line reads "saved": every local change has reached the server. */
/** The step every screen says the group is in: the "Now: …" line and the stepper's current step. */
async function waitForPhase(page: Page, phase: IbbPhase): Promise<void> {
  const name = S.phases[phase];
  await page.getByTestId('current-phase').filter({ hasText: fill(S.nowPhase, { phase: name }) }).waitFor();
  const current = page.getByRole('navigation', { name: S.stepper.label }).locator('[aria-current="step"]');
  expect(await current.textContent()).toContain(name);
}

/** A consensus check's card, named by its question. */
const checkCard = (page: Page, question: string): Locator => page.getByRole('article', { name: question });

/** One person answers the latest round of a check, privately; resolves once the server has it. */
async function answerCheck(page: Page, question: string, value: number, concern?: string): Promise<void> {
  const card = checkCard(page, question);
  await card.getByRole('button', { name: String(value), exact: true }).click();
  if (concern) await card.getByLabel(fill(R.consensus.concernLabel, { threshold: 3 })).fill(concern);
  await card.getByRole('button', { name: fill(R.consensus.submitValue, { value }) }).click();
  await card.getByText(fill(R.consensus.yourAnswer, { value }), { exact: true }).waitFor();
}

const waitForSavedBoard = (page: Page) => waitForSaved(page, en.board.status.saved);

describe.skipIf(!chromiumPath)('one issue from ground rules to an initialed TA, in three browsers', () => {
  let server: AccordProcess;
  let browser: Browser;
  let sessionUrl: string;
  let sessionId: string;
  const fiona = { name: 'Fiona Facilitator', email: '', password: '', id: '' };
  const lena = { name: 'Lena Labor', email: '', password: '', id: '' };
  const marco = { name: 'Marco Management', email: '', password: '', id: '' };
  const open: TrackedPage[] = [];

  withAccordAndChromium({}, (s, b) => {
    server = s;
    browser = b;
  });
  beforeAll(async () => {
    const partnershipId = (await server.fixture('partnership', { name: 'Lakeside' })).id;
    for (const [person, party, role] of [
      [fiona, 'neutral', 'facilitator'],
      [lena, 'labor', 'union_president'],
      [marco, 'management', 'superintendent'],
    ] as const) {
      const built = await server.fixture('user', { partnershipId, party, role, name: person.name });
      Object.assign(person, { email: built.email, password: built.password, id: built.id });
    }
    // The session is set up by fixture (the set-up form has its own test): the two chief spokespersons, and the facilitator who creates it.
    const created = await server.fixture('ibbSession', {
      actorId: fiona.id,
      partnershipId,
      input: {
        title: TITLE,
        participants: [
          { userId: lena.id, role: 'chief_spokesperson' },
          { userId: marco.id, role: 'chief_spokesperson' },
        ],
      },
    });
    sessionId = created.id;
    sessionUrl = `${server.url}/p/${partnershipId}/ibb/${sessionId}`;
  });
  afterAll(async () => {
    await Promise.all(open.map((p) => p.context.close()));
  });

  async function atTheTable(person: { email: string; password: string }): Promise<TrackedPage> {
    const tracked = await openPage(browser);
    open.push(tracked);
    await signInWithForm(tracked.page, server.url, person.email, person.password);
    await tracked.page.goto(sessionUrl);
    await waitForSavedBoard(tracked.page);
    return tracked;
  }

  it('walks an issue through every step; the TA both spokespersons initial is frozen, its hash verifies, and the PDF record has it without the caucus', async () => {
    const [f, l, m] = await Promise.all([atTheTable(fiona), atTheTable(lena), atTheTable(marco)]);
    const everyone = [f.page, l.page, m.page];
    const onEveryScreen = (check: (page: Page) => Promise<void>) => Promise.all(everyone.map(check));
    const moveOnTo = async (phase: IbbPhase) => {
      await f.page.getByRole('button', { name: fill(S.stepper.next, { phase: S.phases[phase] }) }).click();
      await onEveryScreen((page) => waitForPhase(page, phase));
    };

    // Labor notes its bottom line on its own caucus board first: it must never leave the caucus.
    await l.page.getByRole('link', { name: fill(S.caucus.openBoard, { party: en.parties.labor }) }).click();
    await l.page.waitForURL((url) => url.pathname.endsWith(`/ibb/${sessionId}/caucus/labor`));
    await waitForSavedBoard(l.page);
    await l.page.getByRole('button', { name: fill(en.board.column.addNoteTo, { column: 'Our interests' }) }).click();
    await l.page.getByRole('textbox', { name: fill(en.board.note.label, { position: 1, column: 'Our interests' }), exact: true }).fill(CAUCUS_SECRET);
    await waitForSavedBoard(l.page);
    await l.page.getByRole('link', { name: fill(S.caucus.backToTable, { title: TITLE }) }).click();
    await l.page.waitForURL((url) => url.pathname.endsWith(`/ibb/${sessionId}`));
    await waitForSavedBoard(l.page);

    // Ground rules: on every screen from the start, adopted by a consensus check everyone answers.
    await onEveryScreen((page) => waitForPhase(page, 'ground_rules'));
    const conductRule = fill(S.groundRules.ruleLabel, { category: S.groundRuleCategories.conduct, position: 1 });
    await onEveryScreen((page) => waitForValue(page, conductRule, 'Focus on interests, not positions; listen to understand.'));
    await f.page.getByLabel(R.consensus.subject, { exact: true }).selectOption({ label: R.subject.groundRules });
    await f.page.getByLabel(R.consensus.question, { exact: true }).fill(GROUND_RULES_QUESTION);
    await f.page.getByRole('button', { name: R.consensus.open }).click();
    await Promise.all([answerCheck(l.page, GROUND_RULES_QUESTION, 5), answerCheck(m.page, GROUND_RULES_QUESTION, 5)]);
    await checkCard(f.page, GROUND_RULES_QUESTION).getByRole('button', { name: R.consensus.reveal }).click();
    await onEveryScreen((page) => checkCard(page, GROUND_RULES_QUESTION).getByText(R.consensus.reached, { exact: true }).waitFor());

    // Issues: labor frames one as a shared problem.
    await moveOnTo('issues');
    await l.page.getByLabel(S.issues.add, { exact: true }).fill(ISSUE);
    await l.page.getByRole('button', { name: S.issues.addSubmit }).click();
    await onEveryScreen((page) => waitForValue(page, fill(S.issues.label, { position: 1 }), ISSUE));

    // Interests: each party adds one; the facilitator sees they are the same, merges them and makes it mutual.
    await moveOnTo('interests');
    const addInterest = fill(S.interests.add, { position: 1 });
    for (const [page, text] of [
      [l.page, LABOR_INTEREST],
      [m.page, MANAGEMENT_INTEREST],
    ] as const) {
      await page.getByLabel(addInterest, { exact: true }).fill(text);
      await page.getByRole('button', { name: S.interests.addSubmit }).click();
    }
    const laborInterest = fill(S.interests.label, { holder: S.holders.labor, position: 1, issue: 1 });
    const managementInterest = fill(S.interests.label, { holder: S.holders.management, position: 1, issue: 1 });
    await onEveryScreen(async (page) => {
      await waitForValue(page, laborInterest, LABOR_INTEREST);
      await waitForValue(page, managementInterest, MANAGEMENT_INTEREST);
    });
    const organize = async (item: string) => {
      const summary = f.page.getByText(fill(S.interests.organize, { item }), { exact: true });
      await summary.click();
      return f.page.locator('details').filter({ has: summary });
    };
    // Management's interest is marked a duplicate of labor's (which is kept), and the kept one is held by both.
    const duplicate = await organize(managementInterest);
    await duplicate.getByLabel(S.interests.mergeLabel).selectOption({ label: LABOR_INTEREST });
    await duplicate.getByRole('button', { name: S.interests.mergeSubmit }).click();
    await (await organize(laborInterest)).getByLabel(S.interests.holderLabel).selectOption('mutual');
    const mutualInterest = fill(S.interests.label, { holder: S.holders.mutual, position: 1, issue: 1 });
    await onEveryScreen(async (page) => {
      await page.getByRole('heading', { name: S.interests.block.mutual, exact: true }).waitFor();
      await waitForValue(page, mutualInterest, LABOR_INTEREST);
      await page.getByText(MANAGEMENT_INTEREST, { exact: true }).waitFor();
      expect(await page.getByRole('textbox', { name: managementInterest, exact: true }).count()).toBe(0);
    });

    // Options: a brainstormed idea, named (the default anonymity).
    await moveOnTo('options');
    await m.page.getByLabel(fill(S.options.add, { position: 1 }), { exact: true }).fill(OPTION);
    await m.page.getByRole('button', { name: S.options.addSubmit }).click();
    await onEveryScreen((page) => waitForValue(page, fill(S.options.label, { number: 1, issue: 1 }), OPTION));

    // Criteria: one standard, agreed by the group.
    await moveOnTo('criteria');
    await f.page.getByLabel(S.criteria.add, { exact: true }).fill(CRITERION);
    await f.page.getByRole('button', { name: S.criteria.addSubmit }).click();
    const criterion = fill(S.criteria.label, { scope: S.criteria.wholeSession, position: 1 });
    await f.page.getByRole('checkbox', { name: criterion }).check();
    await Promise.all(
      [l.page, m.page].map(async (page) => {
        await waitForValue(page, criterion, CRITERION);
        await page.locator('#phase-criteria').getByText(S.criteria.agreed, { exact: true }).waitFor();
      }),
    );

    await moveOnTo('evaluation');
    await moveOnTo('consensus');

    // Round 1: labor 4, management 1 with a concern → not reached; the concern is shown by party, not by name.
    await f.page.getByLabel(R.consensus.subject, { exact: true }).selectOption({ label: ISSUE });
    await f.page.getByLabel(R.consensus.question, { exact: true }).fill(ISSUE_QUESTION);
    await f.page.getByRole('button', { name: R.consensus.open }).click();
    await Promise.all([answerCheck(l.page, ISSUE_QUESTION, 4), answerCheck(m.page, ISSUE_QUESTION, 1, CONCERN)]);
    await checkCard(f.page, ISSUE_QUESTION).getByRole('button', { name: R.consensus.reveal }).click();
    await onEveryScreen(async (page) => {
      const card = checkCard(page, ISSUE_QUESTION);
      await card.getByText(R.consensus.notReached, { exact: true }).waitFor();
      await card.getByText(fill(R.consensus.belowCount, { count: 1, threshold: 3 }), { exact: true }).waitFor();
      const concern = card.getByRole('listitem').filter({ hasText: CONCERN });
      expect(await concern.textContent()).toBe(`1: ${CONCERN}`);
      // The list of concerns sits under its party's badge.
      expect(await concern.evaluate((li) => li.parentElement?.previousElementSibling?.textContent)).toBe(R.values.party.management);
      expect(await card.textContent()).not.toContain(marco.name);
    });

    // Round 2 after the concern is heard: both answer 4 → reached; round 1 stays in the record.
    await checkCard(f.page, ISSUE_QUESTION).getByRole('button', { name: R.consensus.retest }).click();
    await onEveryScreen((page) => checkCard(page, ISSUE_QUESTION).getByText(fill(R.consensus.roundOf, { round: 2 }), { exact: false }).first().waitFor());
    await Promise.all([answerCheck(l.page, ISSUE_QUESTION, 4), answerCheck(m.page, ISSUE_QUESTION, 4)]);
    await checkCard(f.page, ISSUE_QUESTION).getByRole('button', { name: R.consensus.reveal }).click();
    await onEveryScreen(async (page) => {
      const card = checkCard(page, ISSUE_QUESTION);
      await card.getByText(R.consensus.reached, { exact: true }).waitFor();
      await card.getByText(plural(R.consensus.earlierRounds, 1), { exact: true }).waitFor();
    });

    // Single text: the facilitator drafts the straw proposal.
    await moveOnTo('single_text');
    await f.page.getByLabel(fill(S.singleText.draftLabel, { position: 1 }), { exact: true }).fill(TA_TEXT);
    await f.page.getByRole('button', { name: fill(S.singleText.publish, { version: 1 }) }).click();
    await Promise.all([l.page, m.page].map((page) => page.locator('#phase-single_text').getByText(TA_SENTENCE, { exact: false }).waitFor()));

    // Agreement: the facilitator proposes the single text as the TA; each spokesperson initials it.
    await moveOnTo('agreement');
    await f.page.getByRole('button', { name: R.agreements.propose, exact: true }).click();
    const proposal = f.page.locator('form').filter({ has: f.page.getByRole('heading', { name: R.agreements.proposeTitle }) });
    await proposal.getByLabel(R.agreements.issue, { exact: true }).selectOption({ label: ISSUE });
    expect(await proposal.getByLabel(R.agreements.text, { exact: true }).inputValue()).toBe(TA_TEXT);
    await proposal.getByLabel(R.agreements.taTitle, { exact: true }).fill(TA_TITLE);
    await proposal.getByRole('button', { name: R.agreements.proposeSubmit }).click();
    const taCard = (page: Page) => page.getByRole('article', { name: TA_TITLE });
    await onEveryScreen((page) => taCard(page).getByText(R.agreements.awaiting, { exact: true }).waitFor());

    for (const [page, party, person] of [
      [l.page, 'labor', lena],
      [m.page, 'management', marco],
    ] as const) {
      const card = taCard(page);
      await card.getByRole('button', { name: fill(R.agreements.initial, { party: R.agreements.party[party] }) }).click();
      await card.getByRole('button', { name: R.agreements.confirmInitialButton }).click();
      await onEveryScreen((p) => taCard(p).getByText(fill(R.agreements.initialedBy, { name: person.name, at: '' }).trim()).waitFor());
    }

    // Frozen on all three screens, with the same text and fingerprint, and nobody offered to initial again.
    const shownHashes = await Promise.all(
      everyone.map(async (page) => {
        const card = taCard(page);
        await card.getByText(R.agreements.frozen, { exact: true }).waitFor();
        await card.getByText(R.agreements.verified, { exact: true }).waitFor();
        expect(await card.locator('pre').textContent()).toBe(TA_TEXT);
        expect(await card.getByRole('button', { name: /^Initial for / }).count()).toBe(0);
        return card.locator('code').textContent();
      }),
    );

    // The facilitator marks the issue as settled at the table.
    // Not exact: a select inside its label takes the chosen option into its name.
    await f.page.getByLabel(fill(S.issues.statusOf, { issue: fill(S.issues.label, { position: 1 }) })).selectOption('ta_reached');
    await Promise.all([l.page, m.page].map((page) => page.locator('#phase-issues').getByText(S.issueStatus.ta_reached, { exact: true }).waitFor()));

    // The frozen TA's hash verifies: recomputed from the exported text, it is the TA's and both initials'.
    const json = await f.page.request.get(`${server.url}/api/ibb/${sessionId}/export/json`);
    expect(json.status()).toBe(200);
    const record = (await json.json()) as SessionRecord;
    const ta = record.agreements.find((a) => a.title === TA_TITLE);
    if (!ta) throw new Error(`no agreement titled ${TA_TITLE} in the exported record`);
    const recomputed = sha256(canonicalTaText(ta.text));
    expect(ta.text).toContain(TA_SENTENCE);
    expect(ta).toMatchObject({ textHash: recomputed, isFrozen: true, isSuperseded: false, isVerified: true });
    expect(ta.initials.map((i) => [i.party, i.name, i.textHash]).sort()).toEqual([
      ['labor', lena.name, recomputed],
      ['management', marco.name, recomputed],
    ]);
    expect(shownHashes).toEqual([recomputed, recomputed, recomputed]);
    // The record tells the same story as the screens.
    const issueRounds = record.consensusRounds.filter((r) => r.question === ISSUE_QUESTION).sort((a, b) => a.round - b.round);
    expect(issueRounds.map((r) => r.result?.reached)).toEqual([false, true]);
    expect(issueRounds[0]?.concerns).toEqual([{ party: 'management', value: 1, concern: CONCERN }]);
    expect(record.consensusRounds.find((r) => r.question === GROUND_RULES_QUESTION)?.result?.reached).toBe(true);
    expect(record.interests.filter((i) => i.mergedInto === null).map((i) => [i.holder, i.text])).toEqual([['mutual', LABOR_INTEREST]]);
    expect(record.issues.map((i) => [i.title, i.raisedBy, i.status])).toEqual([[ISSUE, 'labor', 'ta_reached']]);
    expect(JSON.stringify(record)).not.toContain(CAUCUS_SECRET);

    // The PDF record opens, carries the TA sentence and hash, and nothing from the labor caucus.
    const pdf = await f.page.request.get(`${server.url}/api/ibb/${sessionId}/export/pdf`);
    expect(pdf.status()).toBe(200);
    const bytes = new Uint8Array(await pdf.body());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
    // The single text carries the sentence too: look in the agreements section itself.
    expect(text).toContain(R.export.sections.agreements);
    const agreements = text.slice(text.indexOf(R.export.sections.agreements));
    expect(agreements).toContain(TA_TITLE);
    expect(agreements).toContain(R.export.ta.frozen);
    expect(agreements).toContain(TA_SENTENCE);
    expect(agreements).toContain(recomputed);
    expect(text).not.toContain(CAUCUS_SECRET);
    expect(text).not.toContain('bottom line');

    // Nor did the caucus note reach the other screens.
    for (const page of [f.page, m.page]) expect(await page.content()).not.toContain('bottom line');

    expect(f.pageErrors).toEqual([]);
    expect(l.pageErrors).toEqual([]);
    expect(m.pageErrors).toEqual([]);
  }, 120_000);
});
