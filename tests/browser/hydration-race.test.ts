import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../support/browser';
import { chromiumPath } from '../support/environment';

/**
 * The browser harness sets a React #418 aside only when the page React left equals the
 * HTML the server sent (React's hydration overtaking the parser, react/react#37321). Two
 * pages stand in for React here: both throw the minified #418 after marking the document
 * hydrated the way the app does; one leaves the server's DOM as it was (the race), the
 * other renders something else (a real mismatch), which must still fail a test.
 */

const REACT_418 = 'Minified React error #418; visit https://react.dev/errors/418?args[]=HTML&args[]= for the full message';

function page(change: string): string {
  return `<!doctype html><html lang="en"><head><title>t</title></head><body>
<main id="main"><h1>People</h1><ul><li>Ana</li><li>Ben</li></ul></main>
<script>
  setTimeout(() => {
    ${change}
    document.documentElement.dataset.hydrated = 'true';
    setTimeout(() => { throw new Error(${JSON.stringify(REACT_418)}); }, 0);
  }, 50);
</script></body></html>`;
}

const PAGES: Record<string, string> = {
  '/race': page(''),
  '/mismatch': page(`document.querySelector('li').textContent = 'Someone else';`),
};

describe.skipIf(!chromiumPath)('browser harness: React #418', () => {
  let server: Server;
  let base = '';
  let browser: Browser;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const body = PAGES[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** Opens `path`, waits for its #418 and for the harness's check of it. */
  async function loadUntilChecked(path: string) {
    const p = await openPage(browser);
    const thrown = p.page.waitForEvent('pageerror');
    await p.page.goto(`${base}${path}`);
    await thrown;
    await p.hydrationChecks();
    return p;
  }

  it('sets aside a #418 when the page React left is the HTML the server sent', async () => {
    const p = await loadUntilChecked('/race');
    expect(p.pageErrors).toEqual([]);
    expect(p.hydrationRaces.map((e) => e.message)).toEqual([expect.stringContaining('#418')]);
    await p.context.close();
  });

  it('keeps a #418 when the client rendered something other than the server HTML', async () => {
    const p = await loadUntilChecked('/mismatch');
    expect(p.pageErrors.map((e) => e.message)).toEqual([expect.stringContaining('#418')]);
    expect(p.hydrationRaces).toEqual([]);
    await p.context.close();
  });
});
