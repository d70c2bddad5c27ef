import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { signInAttempts } from '../../db/schema';
import { env } from '../env';

const WINDOW_MS = 15 * 60 * 1000;
/** Many people share one address (a school's network): the per-address limit is wider. */
const ADDRESS_FACTOR = 10;

/**
 * Counts recent failed sign-ins per email and per client address in the database,
 * so the limit holds across several nodes and restarts.
 */
export async function isSignInLimited(keys: string[]): Promise<boolean> {
  const db = getDb();
  const since = new Date(Date.now() - WINDOW_MS);
  for (const key of keys) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(signInAttempts)
      .where(and(eq(signInAttempts.key, key), eq(signInAttempts.succeeded, 'no'), gt(signInAttempts.at, since)));
    const limit = env().SIGNIN_MAX_FAILURES * (key.startsWith('ip:') ? ADDRESS_FACTOR : 1);
    if ((row?.n ?? 0) >= limit) return true;
  }
  return false;
}

export async function recordSignInAttempt(keys: string[], succeeded: boolean): Promise<void> {
  const db = getDb();
  await db.transaction(async (tx) => {
    if (keys.length > 0) {
      await tx.insert(signInAttempts).values(keys.map((key) => ({ key, succeeded: succeeded ? 'yes' : 'no' }) as const));
    }
    // Old rows are useless once out of the window; trimming here keeps the table small.
    await tx.delete(signInAttempts).where(lt(signInAttempts.at, new Date(Date.now() - 2 * WINDOW_MS)));
  });
}
