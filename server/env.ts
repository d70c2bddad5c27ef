import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads process.env. Parsed once; an empty string counts as unset.
 * On a bad value the process exits listing every problem (see loadEnv).
 */
const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyAsUndefined, z.string().url().optional());
const flag = (fallback: boolean) =>
  z.preprocess(emptyAsUndefined, z.enum(['1', '0', 'true', 'false']).optional()).transform((v) =>
    v === undefined ? fallback : v === '1' || v === 'true',
  );

const schema = z.object({
  NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(['development', 'production', 'test']).default('production')),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: optionalString,
  /** Without it Accord runs on embedded PGlite stored under DATA_DIR. */
  DATABASE_URL: optionalUrl,
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('.data')),
  /** `memory` keeps the embedded database in memory only (tests). */
  PGLITE_STORAGE: z.preprocess(emptyAsUndefined, z.enum(['disk', 'memory']).default('disk')),
  REDIS_URL: optionalUrl,
  /** Secret for session tokens. Generated once into DATA_DIR when unset. */
  AUTH_SECRET: optionalString,
  PUBLIC_URL: optionalUrl,
  /** Extra browser origins allowed to open the realtime socket, comma separated. */
  ALLOWED_ORIGINS: optionalString,
  AUTH_OIDC_ISSUER: optionalUrl,
  AUTH_OIDC_CLIENT_ID: optionalString,
  AUTH_OIDC_CLIENT_SECRET: optionalString,
  AUTH_OIDC_NAME: z.preprocess(emptyAsUndefined, z.string().default('District sign-in')),
  SEED_DEMO: flag(true),
  /** Where `next build` output lives; tests build into their own folder. */
  ACCORD_NEXT_DIST_DIR: z.preprocess(emptyAsUndefined, z.string().default('.next')),
  /** Sign-in attempts allowed per email (and per client address) in 15 minutes. */
  SIGNIN_MAX_FAILURES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(8)),
  /** Set only by the test harness: serve test fixtures over the parent's IPC channel. */
  ACCORD_TEST_IPC: flag(false),
  /**
   * How old a socket's access decision may get before it is read again (default 30 s), even
   * for a socket that sends nothing. Lower only in tests, which wait for the sweep.
   */
  ACCORD_ACCESS_TTL_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(500).max(300_000).default(30_000)),
  /** Bench diagnostic: a file to record where edits' time goes in the server (server/realtime/latency-trace.ts). */
  ACCORD_LATENCY_TRACE: optionalString,
});

export type Env = z.infer<typeof schema> & {
  authSecret: string;
  publicUrl: string;
  allowedOrigins: string[];
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
};

function resolveAuthSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  // First-run convenience: a random secret kept beside the embedded database, so
  // sessions survive restarts without any configuration. Production sets AUTH_SECRET.
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function parse(): Env {
  const result = schema.safeParse(process.env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n');
    console.error(`Accord cannot start: invalid environment\n${problems}`);
    process.exit(1);
  }
  const e = result.data;
  const oidcParts = [e.AUTH_OIDC_ISSUER, e.AUTH_OIDC_CLIENT_ID, e.AUTH_OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    console.error(
      'Accord cannot start: invalid environment\n  - AUTH_OIDC_*: set all of AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET, or none',
    );
    process.exit(1);
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const extra = (e.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    ...e,
    authSecret: resolveAuthSecret(e.AUTH_SECRET, e.DATA_DIR),
    publicUrl,
    allowedOrigins: e.PUBLIC_URL
      ? [new URL(publicUrl).origin, ...extra]
      : [`http://localhost:${e.PORT}`, `http://127.0.0.1:${e.PORT}`, ...extra],
    oidc:
      e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_CLIENT_ID && e.AUTH_OIDC_CLIENT_SECRET
        ? {
            issuer: e.AUTH_OIDC_ISSUER,
            clientId: e.AUTH_OIDC_CLIENT_ID,
            clientSecret: e.AUTH_OIDC_CLIENT_SECRET,
            name: e.AUTH_OIDC_NAME,
          }
        : null,
  };
}

const globalKey = Symbol.for('accord.env');
type EnvHolder = { [globalKey]?: Env };

/** Parsed once per process, shared by the custom server and Next's bundled code. */
export function env(): Env {
  const holder = globalThis as EnvHolder;
  holder[globalKey] ??= parse();
  return holder[globalKey];
}

/** The custom server learns its real port only after listen(0); it records it here. */
export function setListeningPort(port: number): void {
  const current = env();
  if (current.PUBLIC_URL) return;
  current.publicUrl = `http://localhost:${port}`;
  current.allowedOrigins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`, ...current.allowedOrigins.slice(2)];
}
