import { eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { users } from '../../db/schema';

export async function setUserLocale(userId: string, locale: string): Promise<void> {
  await getDb().update(users).set({ locale }).where(eq(users.id, userId));
}
