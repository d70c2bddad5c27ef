import { getToken } from 'next-auth/jwt';
import { env } from '../env';
import { findUserById } from './users';

/**
 * The signed-in person behind a raw Cookie header, for code outside Next's request
 * context: the custom server's partnership gate and the realtime socket handshake.
 * Verifies and decrypts the Auth.js session token, then re-loads the person.
 */
export async function userIdFromCookieHeader(cookieHeader: string | undefined): Promise<string | null> {
  if (!cookieHeader) return null;
  const e = env();
  const token = await getToken({
    req: { headers: { cookie: cookieHeader } },
    secret: e.authSecret,
    secureCookie: e.publicUrl.startsWith('https://'),
  });
  const uid = token?.uid;
  if (typeof uid !== 'string') return null;
  const user = await findUserById(uid);
  return user && !user.disabledAt ? user.id : null;
}
