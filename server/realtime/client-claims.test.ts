import { describe, expect, it } from 'vitest';
import { ClientClaimWindow } from './client-claims';

describe('ClientClaimWindow', () => {
  it('counts each person’s clientIDs over the last hour, stored ones included', () => {
    let now = 10 * 3_600_000;
    const claims = new ClientClaimWindow(64, 3_600_000, () => now);
    // Loaded from doc_clients: 40 bound half an hour ago, 30 more two hours ago (no longer counted).
    claims.record('ana', 40, now - 1_800_000);
    claims.record('ana', 30, now - 7_200_000);
    expect(claims.allows('ana', 24)).toBe(true);
    expect(claims.allows('ana', 25)).toBe(false);
    // Other people have their own count.
    expect(claims.allows('ben', 64)).toBe(true);
    claims.record('ana', 24);
    expect(claims.allows('ana', 1)).toBe(false);
    // Once the first 40 are an hour old, there is room again.
    now += 1_800_000;
    expect(claims.allows('ana', 40)).toBe(true);
    expect(claims.allows('ana', 41)).toBe(false);
  });
});
