import { describe, expect, it } from 'vitest';
import type { CheckView } from '../../../domain/ibb/views';
import { checkChains } from './check-chains';

function check(id: string, round: number, previousCheckId: string | null): CheckView {
  return {
    id,
    subject: 'issues/a',
    question: 'q',
    kind: 'fist_to_five',
    round,
    previousCheckId,
    threshold: 3,
    isRevealed: true,
    answeredByParty: { labor: 0, management: 0 },
    myAnswer: null,
    result: null,
    concerns: [],
  };
}

describe('checkChains', () => {
  it('groups re-tests with their first round, newest round first, newest chain first', () => {
    // As the server sends them: newest opened first.
    const chains = checkChains([check('b2', 2, 'b1'), check('a3', 3, 'a2'), check('b1', 1, null), check('a2', 2, 'a1'), check('a1', 1, null)]);
    expect(chains.map((c) => c.map((x) => x.id))).toEqual([
      ['b2', 'b1'],
      ['a3', 'a2', 'a1'],
    ]);
  });

  it('keeps a round whose earlier round is missing on its own', () => {
    expect(checkChains([check('x2', 2, 'gone')]).map((c) => c.map((x) => x.id))).toEqual([['x2']]);
  });
});
