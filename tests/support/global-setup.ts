import path from 'node:path';
import { buildIfStale } from '../../server/build-if-stale';
import { isCI, plannedSkips } from './environment';

/** Where test builds go; a separate folder per concurrent checkout/agent avoids clobbering. */
export const TEST_DIST_DIR = process.env.ACCORD_TEST_DIST_DIR || '.next-test';

export default function setup(): void {
  const skips = plannedSkips();
  if (skips.length > 0) {
    const lines = skips.map((s) => `  - SKIPPED ${s.suite}: ${s.why}`).join('\n');
    if (isCI) throw new Error(`CI must run every suite, but:\n${lines}`);
    console.log(`\nSome suites will be skipped on this machine:\n${lines}\n(.ci/run provides PostgreSQL, Redis and Chromium and runs everything.)\n`);
  } else {
    console.log('\nAll suites run: PGlite and real PostgreSQL, Redis, Chromium.\n');
  }
  // Servers under test run the production build, kept apart from `npm start`'s.
  buildIfStale(path.resolve(__dirname, '../..'), TEST_DIST_DIR);
}
