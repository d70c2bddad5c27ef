import type { BrowserContext, Page } from 'playwright-core';

/**
 * React's hydration can overtake Chromium's HTML parser (react/react#37321, open): when a
 * page's scripts are already cached and its HTML is still arriving — a large page, a busy
 * machine — hydration walks a DOM the parser has not finished, throws "Minified React
 * error #418" (`args[]=HTML`: server HTML did not match) and React client-renders the page
 * instead. The server HTML was right; the page works. Seen here on the People page (168 KB
 * of HTML) when the browser suites run beside the rest of the suite.
 *
 * A real mismatch of ours ends differently: what React renders on the client is not what
 * the server sent. So when #418 is thrown, this compares the structure and text of the
 * document the server sent (parsed by the browser's own parser, DOMParser) with the page
 * as React left it, read at the moment the app marked itself hydrated (before the test
 * acts on it). Only when they are the same is the error set aside as the upstream race.
 */

const HTML_MISMATCH = /Minified React error #418;.*args\[\]=HTML/;

declare global {
  interface Window {
    __accordTokens?: (root: Element | null) => string[];
    __accordHydratedTokens?: string[];
  }
}

/** Runs in every document before its own scripts: records the page as it stands once hydrated. */
function recordHydratedPage(): void {
  const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'LINK', 'META', 'NOSCRIPT', 'NEXT-ROUTE-ANNOUNCER']);
  const ATTRIBUTES = ['id', 'role', 'name', 'type', 'href', 'class', 'for', 'data-testid', 'aria-label', 'aria-current', 'hidden', 'disabled'];
  const tokens = (root: Element | null): string[] => {
    const out: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const text = node.textContent?.trim();
        if (text) out.push(`"${text}"`);
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      const el = node as Element;
      if (SKIP.has(el.tagName)) return;
      out.push(`<${el.tagName} ${ATTRIBUTES.map((a) => (el.hasAttribute(a) ? `${a}=${el.getAttribute(a)}` : '')).join(' ')}>`);
      for (const child of Array.from(el.childNodes)) walk(child);
      out.push(`</${el.tagName}>`);
    };
    if (root) walk(root);
    return out;
  };
  window.__accordTokens = tokens;
  // Init scripts run before the parser has made <html>: watch the document for the marker.
  const observer = new MutationObserver(() => {
    if (document.documentElement?.dataset.hydrated !== 'true') return;
    window.__accordHydratedTokens = tokens(document.body);
    observer.disconnect();
  });
  observer.observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });
}

/** Each watched page's pending checks, for `settleHydrationChecks`. */
const watches = new WeakMap<Page, HydrationRaceWatch>();

/**
 * Waits for the #418 checks started so far on `page` (none if it is not watched). A check
 * compares the document that threw with the server's HTML, so it must finish before the
 * page moves on to another document.
 */
export async function settleHydrationChecks(page: Page): Promise<void> {
  await watches.get(page)?.settled();
}

export interface HydrationRaceWatch {
  /** #418 errors set aside as the upstream race (for a test or a log to look at). */
  readonly setAside: Error[];
  /** Resolves once every check started so far has finished. */
  settled(): Promise<void>;
}

/**
 * Installs the recording in `context` and keeps every document's server HTML of `page`.
 * `pageErrors` is the list a test asserts is empty: a #418 goes into it at once and is
 * taken out again only if the check above clears it, so an unfinished check fails the
 * test rather than hiding an error.
 */
export async function watchHydrationRaces(context: BrowserContext, page: Page, pageErrors: Error[]): Promise<HydrationRaceWatch> {
  await context.addInitScript(recordHydratedPage);
  const documents = new Map<string, Promise<string | null>>();
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'document' || res.request().frame() !== page.mainFrame()) return;
    documents.set(res.url(), res.text().catch(() => null));
  });
  const setAside: Error[] = [];
  const checks: Promise<void>[] = [];
  page.on('pageerror', (err) => {
    if (!HTML_MISMATCH.test(err.message)) return;
    const url = page.url();
    const check = isParserRace(page, documents.get(url))
      .then((isRace) => {
        if (!isRace) return;
        const at = pageErrors.indexOf(err);
        if (at >= 0) pageErrors.splice(at, 1);
        setAside.push(err);
        console.warn(`[browser] React #418 on ${url} set aside: the page React rendered equals the server's HTML (hydration overtook the parser, react/react#37321)`);
      })
      .catch(() => undefined);
    checks.push(check);
  });
  const watch: HydrationRaceWatch = { setAside, settled: async () => void (await Promise.all(checks)) };
  watches.set(page, watch);
  return watch;
}

async function isParserRace(page: Page, serverHtml: Promise<string | null> | undefined): Promise<boolean> {
  const html = await serverHtml;
  if (!html) return false;
  await page.waitForFunction(() => window.__accordHydratedTokens !== undefined, undefined, { timeout: 15_000 });
  return page.evaluate((source) => {
    const tokens = window.__accordTokens;
    const hydrated = window.__accordHydratedTokens;
    if (!tokens || !hydrated) return false;
    const sent = tokens(new DOMParser().parseFromString(source, 'text/html').body);
    return sent.length > 0 && sent.length === hydrated.length && sent.every((t, i) => t === hydrated[i]);
  }, html);
}
