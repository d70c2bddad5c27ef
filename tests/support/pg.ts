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
