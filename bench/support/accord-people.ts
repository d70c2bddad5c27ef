import { HttpClient } from '../../tests/support/http-client';
import type { AccordNode } from './accord-node';

export interface AccordWorkspace {
  docIds: string[];
  /** Each person's session cookie header. */
  cookies: string[];
}

const SIGN_IN_CONCURRENCY = 4;

/**
 * One partnership with `people` members and `boards` board docs. Everyone signs in through
 * Auth.js like a browser (argon2id: ~0.1 s of server CPU each, which is why the bench gives
 * each person several clients), spread over the given nodes (any node accepts any session).
 */
export async function createWorkspace(owner: AccordNode, signInNodes: AccordNode[], people: number, boards: number): Promise<AccordWorkspace> {
  const partnership = await owner.fixture('partnership', { name: 'Bench' });
  const users = await Promise.all(
    Array.from({ length: people }, (_, i) => owner.fixture('user', { partnershipId: partnership.id, party: i % 2 ? 'management' : 'labor', role: 'teacher' })),
  );
  const first = users[0];
  if (!first) throw new Error('a workspace needs people');
  const docIds: string[] = [];
  for (let i = 0; i < boards; i++) {
    const board = await owner.fixture('board', { actorId: first.id, partnershipId: partnership.id, input: { title: `Bench ${i + 1}` } });
    docIds.push(`board:${board.id}`);
  }
  const cookies: string[] = new Array<string>(users.length);
  let next = 0;
  const worker = async () => {
    while (next < users.length) {
      const i = next++;
      const user = users[i];
      const node = signInNodes[i % signInNodes.length];
      if (!user || !node) continue;
      const http = new HttpClient(node.url);
      const res = await http.signIn(user.email, user.password);
      if (!res.ok) throw new Error(`sign-in failed for ${user.email}: ${res.location}`);
      cookies[i] = http.cookieHeader();
    }
  };
  await Promise.all(Array.from({ length: SIGN_IN_CONCURRENCY }, worker));
  return { docIds, cookies };
}
