import { AppError } from '../../domain/errors';
import { auth } from './auth';
import { findUserById } from './users';

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  locale: string | null;
}

/**
 * Reads the session and re-loads the person from the database on every call, so a
 * disabled account or a deleted user loses access at once even with a valid token.
 * Called inside every page loader, server action and route handler.
 */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await findUserById(id);
  if (!user || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, locale: user.locale };
}

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError('unauthenticated', 'Sign in to continue');
  return user;
}
