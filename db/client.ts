import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { PGliteRemote } from './pglite-remote';
import * as schema from './schema';

export type Schema = typeof schema;
/** Both drivers share this type, so every query is written once for PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DbConfig =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string | null };

type RawClient = { kind: 'postgres'; pool: pg.Pool } | { kind: 'pglite'; client: PGliteRemote };

interface Holder {
  config: DbConfig;
  raw: RawClient;
  db: Db;
}

const globalKey = Symbol.for('accord.db');
type GlobalWithDb = { [globalKey]?: Holder };

function openRaw(config: DbConfig): RawClient {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', (err) => console.error('[db] idle PostgreSQL client error', err));
    return { kind: 'postgres', pool };
  }
  if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
  // PGlite runs in its own thread (db/pglite-worker.mjs) so queries never block sockets.
  return { kind: 'pglite', client: new PGliteRemote(config.dataDir) };
}

function wrap(raw: RawClient): Db {
  if (raw.kind === 'postgres') return drizzlePg(raw.pool, { schema });
  // PGliteRemote offers the part of PGlite's API drizzle's PGlite driver calls (query, transaction).
  return drizzlePglite(raw.client as unknown as PGlite, { schema });
}

/**
 * Opens the process-wide database once. The custom server calls this at boot; Next's
 * bundled server code (a separate module instance) finds the same client through
 * globalThis, because an embedded PGlite directory can be opened by one instance only.
 */
export function openDb(config: DbConfig): Db {
  const g = globalThis as GlobalWithDb;
  const existing = g[globalKey];
  if (existing) return existing.db;
  const raw = openRaw(config);
  const holder: Holder = { config, raw, db: wrap(raw) };
  g[globalKey] = holder;
  return holder.db;
}

/** The open database; throws if the server has not opened it (a programming error). */
export function getDb(): Db {
  const holder = (globalThis as GlobalWithDb)[globalKey];
  if (!holder) throw new Error('Database not opened: call openDb() at server start');
  return holder.db;
}

export function getRawClient(): RawClient {
  const holder = (globalThis as GlobalWithDb)[globalKey];
  if (!holder) throw new Error('Database not opened: call openDb() at server start');
  return holder.raw;
}

export async function closeDb(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const holder = g[globalKey];
  if (!holder) return;
  delete g[globalKey];
  if (holder.raw.kind === 'postgres') await holder.raw.pool.end();
  else await holder.raw.client.close();
}

export function dbConfigFromEnv(e: { DATABASE_URL?: string; DATA_DIR: string; PGLITE_STORAGE: 'disk' | 'memory' }): DbConfig {
  if (e.DATABASE_URL) return { kind: 'postgres', url: e.DATABASE_URL };
  return { kind: 'pglite', dataDir: e.PGLITE_STORAGE === 'memory' ? null : path.resolve(e.DATA_DIR, 'pglite') };
}

export function describeDb(config: DbConfig): string {
  if (config.kind === 'postgres') {
    const u = new URL(config.url);
    return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
  }
  return config.dataDir ? `embedded PGlite in ${config.dataDir}` : 'embedded PGlite (in memory)';
}

/** Rows of a raw SQL statement, on either driver (both return `{ rows }`). */
export async function queryRows(db: Pick<Db, 'execute'>, query: Parameters<Db['execute']>[0]): Promise<Record<string, unknown>[]> {
  const result: unknown = await db.execute(query);
  if (typeof result === 'object' && result !== null && 'rows' in result && Array.isArray(result.rows)) return result.rows;
  throw new Error('unexpected result shape from execute()');
}

/** A statement prepared once per connection and then executed by name. */
export interface PreparedStatement {
  /** An SQL identifier; give the name a new version suffix whenever the text changes. */
  name: string;
  /** Parameter types in order (PGlite's PREPARE needs them), e.g. `['text[]', 'uuid[]']`. */
  types: readonly string[];
  /** The statement, with `$1`… placeholders cast to those types. */
  text: string;
}

/** A value that needs no escaping: letters, digits and `: . + _ -` only (or null). */
export type LiteralSafe = string | number | null;
export type PreparedArg = LiteralSafe | readonly LiteralSafe[];

const SAFE_LITERAL = /^[0-9A-Za-z:.+_-]*$/;
const SQL_NAME = /^[a-z_][a-z0-9_]*$/;

function safeElement(value: string | number): string {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('runPrepared: numbers must be finite');
  const text = String(value);
  if (!SAFE_LITERAL.test(text)) throw new Error('runPrepared: argument outside the literal-safe alphabet');
  return text;
}

/** An argument as an SQL literal; safe by construction, since nothing in it needs quoting. */
function toLiteral(arg: PreparedArg): string {
  if (arg === null) return 'NULL';
  if (!Array.isArray(arg)) return `'${safeElement(arg as string | number)}'`;
  return `'{${(arg as readonly LiteralSafe[]).map((v) => (v === null ? 'NULL' : `"${safeElement(v)}"`)).join(',')}}'`;
}

const preparedOn = new WeakMap<PGliteRemote, Set<string>>();

/**
 * Executes a prepared statement: the database parses and plans it once, not per call.
 * On PostgreSQL node-postgres prepares it per connection. On embedded PGlite it is
 * PREPAREd once and then EXECUTEd with its arguments written as literals, in one round
 * trip into the database (a parameterised PGlite query costs six and a fresh plan).
 * Arguments are restricted to an alphabet that needs no escaping (callers hex-encode free
 * text and bytes), so writing them into SQL cannot inject anything.
 */
export async function runPrepared(statement: PreparedStatement, args: readonly PreparedArg[]): Promise<Record<string, unknown>[]> {
  if (!SQL_NAME.test(statement.name)) throw new Error(`runPrepared: bad statement name ${statement.name}`);
  if (args.length !== statement.types.length) throw new Error(`runPrepared: ${statement.name} takes ${statement.types.length} arguments`);
  // Checked on both drivers, so code that passes on one cannot fail on the other.
  const literals = args.map(toLiteral);
  const raw = getRawClient();
  if (raw.kind === 'postgres') {
    const result = await raw.pool.query({ name: statement.name, text: statement.text, values: args as unknown[] });
    return result.rows as Record<string, unknown>[];
  }
  const execute = `execute ${statement.name}(${literals.join(', ')})`;
  let prepared = preparedOn.get(raw.client);
  if (!prepared) preparedOn.set(raw.client, (prepared = new Set()));
  if (!prepared.has(statement.name)) {
    try {
      await raw.client.exec(`prepare ${statement.name}(${statement.types.join(', ')}) as ${statement.text}`);
    } catch (err) {
      // Two first calls can race; the statement exists either way.
      if ((err as { code?: string }).code !== '42P05') throw err;
    }
    prepared.add(statement.name);
  }
  return (await raw.client.exec(execute)).rows as Record<string, unknown>[];
}
