import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium, takeBrowserProblems } from './browser';
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
  // A failing test says what the server and the browsers reported around it.
  afterEach(({ task }) => {
    const problems = takeBrowserProblems();
    if (task.result?.state !== 'fail') return;
    const tail = server?.output().slice(-6000) ?? '';
    console.error(`[${task.name}] the server's last output:\n${tail}\n[${task.name}] what the browsers reported:\n${problems.join('\n') || '(nothing)'}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.cleanup();
  });
}
