import type { IncomingMessage } from 'node:http';
import { isAppError } from '../../domain/errors';
import { userIdFromCookieHeader } from '../auth/session-from-cookies';
import { requireMembership } from '../partnerships/require-membership';

const PARTNERSHIP_PATH = /^\/(?:p|api\/partnerships)\/([^/?#]+)/;

/**
 * A second, coarse wall in front of Next for partnership URLs (pages, RSC payloads,
 * prefetches, JSON routes): a signed-in person who is not a member gets a 404 before
 * any rendering starts. Every page and route still checks for itself; this exists
 * because a streamed RSC response cannot change its status once rendering began.
 * Signed-out requests pass through so pages can redirect to sign-in.
 */
export async function isRefusedByPartnershipGate(req: IncomingMessage): Promise<boolean> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const match = PARTNERSHIP_PATH.exec(path);
  if (!match?.[1]) return false;
  const userId = await userIdFromCookieHeader(req.headers.cookie);
  if (!userId) return false;
  try {
    await requireMembership(userId, decodeURIComponent(match[1]));
    return false;
  } catch (err) {
    if (isAppError(err) && err.code === 'not_found') return true;
    throw err;
  }
}
