import { notFound, redirect } from 'next/navigation';
import { isAppError } from '../../domain/errors';
import type { CurrentUser } from '../auth/session';
import { getCurrentUser } from '../auth/session';
import type { Membership } from '../partnerships/require-membership';
import { requireMembership } from '../partnerships/require-membership';

/** For page loaders: the signed-in person, or a redirect to sign-in. */
export async function requirePageUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/signin');
  return user;
}

/**
 * For page loaders under /p/[partnershipId]: the caller's membership, or Next's 404 —
 * the same answer for a partnership that does not exist and one that is not theirs.
 * Runs in each page (not only the layout), so RSC and prefetch requests are checked too.
 */
export async function requirePageMembership(partnershipId: string): Promise<{ user: CurrentUser; membership: Membership }> {
  const user = await requirePageUser();
  try {
    return { user, membership: await requireMembership(user.id, partnershipId) };
  } catch (err) {
    if (isAppError(err) && err.code === 'not_found') notFound();
    throw err;
  }
}
