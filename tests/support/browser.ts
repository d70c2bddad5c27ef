import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { chromiumPath } from './environment';
import { settleHydrationChecks, watchHydrationRaces } from './hydration-race';

/**
 * Flags for Debian's Chromium in a container: no sandbox (no user namespaces in CI), no
 * GPU, and none of the background traffic (updates, sync, QUIC probes) that would make a
 * test depend on the network.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * Launches the system Chromium. Playwright gives every launch its own fresh, temporary
 * user data dir (and removes it on close), so no profile state leaks between test files.
 * Callers skip their suite when `chromiumPath` is undefined, so reaching here without one
 * is a harness bug.
 */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error('no Chromium on this machine: the browser suite should have been skipped');
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

export interface TrackedPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page; a test asserts this stays empty. */
  pageErrors: Error[];
  /** React #418 errors taken out of `pageErrors` as the upstream parser race (tests/support/hydration-race.ts). */
  hydrationRaces: Error[];
  /** Waits for the #418 checks started so far. */
  hydrationChecks(): Promise<void>;
}

const problems: string[] = [];

function noteProblem(what: string): void {
  problems.push(`${new Date().toISOString()} ${what}`);
  if (problems.length > 200) problems.splice(0, problems.length - 200);
}

/**
 * What went wrong in the browsers since the last call (failed requests, 5xx responses,
 * console errors), for a failing test's report; clears the list.
 */
export function takeBrowserProblems(): string[] {
  return problems.splice(0);
}

/**
 * A page in a new browser context (its own cookies: a separate person). Uncaught page
 * exceptions are collected rather than ignored, so a test can fail on them — except a
 * React #418 that is shown to be React's hydration overtaking the HTML parser
 * (tests/support/hydration-race.ts).
 */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<TrackedPage> {
  const context = await browser.newContext({ locale: 'en-US', ...options });
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  // Which page threw is part of the error: a test may visit several.
  page.on('pageerror', (err) => pageErrors.push(Object.assign(err, { message: `${err.message} (on ${page.url()})` })));
  page.on('requestfailed', (req) => noteProblem(`request failed: ${req.method()} ${req.url()} (${req.failure()?.errorText ?? 'no reason'})`));
  page.on('response', (res) => {
    if (res.status() >= 500) noteProblem(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') noteProblem(`console error on ${page.url()}: ${msg.text()}`);
  });
  const races = await watchHydrationRaces(context, page, pageErrors);
  return { context, page, pageErrors, hydrationRaces: races.setAside, hydrationChecks: races.settled };
}

/**
 * Waits until React has hydrated the current document (components/shell/hydration-marker):
 * after a full page load, before typing or clicking, as a person waits for a page to respond.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
  // A React #418 thrown while hydrating is checked against this document's server HTML
  // (hydration-race.ts): let that finish before the caller can navigate away.
  await settleHydrationChecks(page);
}

/** Signs in through the real form and waits until the app has navigated away from it. */
export async function signInWithForm(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(new URL('/signin', baseUrl).toString());
  await waitForHydration(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/signin');
  // The page signing in lands on: callers often go straight on to another.
  await waitForHydration(page);
}

type AxeViolation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

export interface A11yProblem {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** The axe-core findings of impact serious or critical, in a form that reads well in a failed assertion. */
export async function seriousA11yViolations(page: Page): Promise<A11yProblem[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v: AxeViolation) => v.impact === 'serious' || v.impact === 'critical')
    .map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
}

/** True when the page is wider than the viewport, i.e. the user would have to scroll sideways. */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth > window.innerWidth;
  });
}

/** Fills `{name}` placeholders of a message template (for matching UI text in tests). */
export const fillTemplate = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k]));

/** Waits until a shared text field with this label shows exactly this text (it is filled in live). */
export async function waitForValue(page: Page, label: string, value: string): Promise<void> {
  await page.getByRole('textbox', { name: label, exact: true }).waitFor();
  await page.waitForFunction(
    ([l, v]) => Array.from(document.querySelectorAll('input, textarea')).some((el) => el.getAttribute('aria-label') === l && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.value === v),
    [label, value] as const,
  );
}

/** Waits for a board's status line to say its changes are durable. */
export async function waitForSaved(page: Page, savedText: string): Promise<void> {
  await page.getByTestId('board-status').and(page.getByRole('status')).filter({ hasText: savedText }).waitFor();
}
