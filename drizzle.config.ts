import { defineConfig } from 'drizzle-kit';

// Generates SQL migrations from db/schema; `npm run db:generate`. Migrations are
// committed and applied by the server at start (db/migrate.ts), never during build.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
});
