import { notFound } from 'next/navigation';
import { isAppError } from '@/domain/errors';
import type { SessionState } from '@/domain/ibb/views';
import type { CurrentUser } from '@/server/auth/session';
import { requirePageMembership } from '@/server/http/page-guards';
import { getSessionState } from '@/server/ibb/session-state';
import type { Membership } from '@/server/partnerships/require-membership';

/**
 * For the session's pages: the viewer, their membership and the session as they may see
 * it — or Next's 404, the same for a missing session, one they are not in, and one that
 * belongs to another partnership.
 */
export async function loadSessionPage(partnershipId: string, sessionId: string): Promise<{ user: CurrentUser; membership: Membership; state: SessionState; serverNow: number }> {
  const { user, membership } = await requirePageMembership(partnershipId);
  try {
    const state = await getSessionState(user.id, sessionId);
    if (state.partnershipId !== partnershipId) notFound();
    return { user, membership, state, serverNow: Date.now() };
  } catch (err) {
    if (isAppError(err) && err.code === 'not_found') notFound();
    throw err;
  }
}
