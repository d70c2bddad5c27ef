import { z } from 'zod';
import { PARTIES } from '@/domain/partnership/roles';
import { parseInput } from '@/server/http/parse-input';
import { withUser } from '@/server/http/route-handler';
import { listMembers } from '@/server/partnerships/list-members';
import { requireMembership } from '@/server/partnerships/require-membership';

const query = z.object({
  q: z.string().max(100).optional(),
  party: z.enum(PARTIES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** GET /api/partnerships/:id/members — the people list as JSON, for members of that partnership only. */
export const GET = withUser<{ partnershipId: string }>('members', async ({ req, user, params }) => {
  const membership = await requireMembership(user.id, params.partnershipId);
  const input = parseInput(query, Object.fromEntries(new URL(req.url).searchParams));
  return listMembers(membership, { query: input.q, party: input.party, limit: input.limit, offset: input.offset });
});
