import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { databaseUrl } from './environment';

/** A fresh, empty database on the real server for one suite, so suites never share state. */
export async function createTestDatabase(): Promise<string> {
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const name = `accord_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropTestDatabase(url: string): Promise<void> {
  if (!databaseUrl) return;
  const name = new URL(url).pathname.slice(1);
  if (!/^accord_t_[0-9a-f]+$/.test(name)) throw new Error(`refusing to drop ${name}`);
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

/**
 * Resolves once some session waits for a lock held by session `holderPid` (and, with
 * `queryLike`, is running a statement that matches it). Asked over `pool` outside any
 * transaction: a transaction sees pg_stat_activity as of its first look.
 */
export async function waitUntilBlocked(
  pool: { query(text: string, values: unknown[]): Promise<{ rows: unknown[] }> },
  holderPid: number,
  queryLike = '%',
): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    const { rows } = await pool.query('select pid from pg_stat_activity where $1::int = any(pg_blocking_pids(pid)) and query ilike $2', [holderPid, queryLike]);
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no session waited for the lock');
}
