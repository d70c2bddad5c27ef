import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { getRawClient } from './client';

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Applies the committed drizzle-kit migrations; the same SQL on PGlite and PostgreSQL. */
export async function migrateDb(): Promise<void> {
  const raw = getRawClient();
  if (raw.kind === 'postgres') {
    // Several nodes may start at once: an advisory lock lets one migrate while the others wait.
    const client = await raw.pool.connect();
    try {
      await client.query('select pg_advisory_lock(727001)');
      await migratePg(drizzlePg(client), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock(727001)').catch(() => undefined);
      client.release();
    }
  } else {
    await raw.client.waitReady;
    await migratePglite(drizzlePglite(raw.client as unknown as PGlite), { migrationsFolder });
  }
}
