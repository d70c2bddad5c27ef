import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * What this machine offers the test suite. On a fresh machine without PostgreSQL, Redis
 * or Chromium the suites that need them are skipped and named at the start of the run;
 * in CI (CI=true) nothing may be skipped, so a missing service fails the run instead.
 */
export const isCI = process.env.CI === 'true' || process.env.CI === '1';
export const databaseUrl = process.env.DATABASE_URL || undefined;
export const redisUrl = process.env.REDIS_URL || undefined;
export const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** Linux's per-thread scheduling can be read (/proc) and set (util-linux's chrt). */
export const canCheckThreadPolicy =
  existsSync('/proc/self/task') &&
  (() => {
    try {
      execFileSync('chrt', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

export type Backend = 'pglite' | 'postgres';
export const backends: Backend[] = databaseUrl ? ['pglite', 'postgres'] : ['pglite'];

export interface Skip {
  suite: string;
  why: string;
}

export function plannedSkips(): Skip[] {
  const skips: Skip[] = [];
  if (!databaseUrl) skips.push({ suite: 'real-PostgreSQL runs of the integration suites', why: 'DATABASE_URL is not set' });
  if (!redisUrl) skips.push({ suite: 'multi-node (Redis) suites', why: 'REDIS_URL is not set' });
  if (!canCheckThreadPolicy) skips.push({ suite: "the database thread's scheduling policy", why: 'not Linux, or no chrt (util-linux)' });
  if (!chromiumPath) skips.push({ suite: 'browser (Chromium) suites', why: 'no Chromium at /usr/bin/chromium (apt-get install -y chromium)' });
  return skips;
}
