import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';

/** A seeded demo person's id by email; the seeds that build on the demo people use it. */
export async function demoUserId(db: Db, email: string): Promise<string> {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (!u) throw new Error(`demo user missing: ${email}`);
  return u.id;
}
