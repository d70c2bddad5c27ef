import { afterAll, beforeAll, describe } from 'vitest';
import type { Db } from '../../db/client';
import { closeDb, openDb } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import type { Backend } from './environment';
import { backends } from './environment';
import { createTestDatabase, dropTestDatabase } from './pg';

/**
 * Runs a suite once per available backend — embedded PGlite always, real PostgreSQL when
 * DATABASE_URL is set — each against a fresh, migrated database opened in this process.
 */
export function describeEachBackend(name: string, body: (ctx: { backend: Backend; db: () => Db }) => void): void {
  for (const backend of backends) {
    describe(`${name} [${backend}]`, () => {
      let db: Db | null = null;
      let url: string | null = null;
      beforeAll(async () => {
        await closeDb();
        if (backend === 'postgres') {
          url = await createTestDatabase();
          db = openDb({ kind: 'postgres', url, poolSize: 4 });
        } else {
          db = openDb({ kind: 'pglite', dataDir: null });
        }
        await migrateDb();
      });
      afterAll(async () => {
        await closeDb();
        if (url) await dropTestDatabase(url);
      });
      body({
        backend,
        db: () => {
          if (!db) throw new Error('database not open yet');
          return db;
        },
      });
    });
  }
}
