import { describe, expect, it } from 'vitest';
import { balanceBars, liveBalance } from './speaking-balance';

describe('speaking balance', () => {
  it('grows the current speaker’s person and party totals since the last update', () => {
    const balance = { byPerson: { a: 30, b: 10 }, byParty: { labor: 30, management: 10 } };
    expect(liveBalance(balance, { userId: 'b', party: 'management' }, 5.7)).toEqual({ byPerson: { a: 30, b: 15 }, byParty: { labor: 30, management: 15 } });
    expect(liveBalance(balance, null, 5)).toBe(balance);
  });

  it('draws bars relative to the longest, with shares of the whole, including people who have not spoken', () => {
    expect(balanceBars({ labor: 90, management: 30 }, ['labor', 'management', 'neutral'])).toEqual([
      { key: 'labor', seconds: 90, percent: 75, width: 100 },
      { key: 'management', seconds: 30, percent: 25, width: 33 },
      { key: 'neutral', seconds: 0, percent: 0, width: 0 },
    ]);
    expect(balanceBars({}, ['x'])).toEqual([{ key: 'x', seconds: 0, percent: 0, width: 0 }]);
  });
});
