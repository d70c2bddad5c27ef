import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import type { AccordProcess, StartOptions } from './server';
import { startAccord } from './server';

/**
 * The set-up every browser suite shares: Accord (a fresh data folder) and Chromium, started
 * together before the suite's tests and stopped after them. `use` receives both; a suite's
 * own beforeAll (fixtures) runs after this one, and its own afterAll (closing pages) before.
 */
export function withAccordAndChromium(options: StartOptions, use: (server: AccordProcess, browser: Browser) => void): void {
  let server: AccordProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startAccord(options), launchChromium()]);
    use(server, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.cleanup();
  });
}
