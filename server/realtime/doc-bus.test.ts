import { describe, expect, it } from 'vitest';
import { decodeClaims, encodeClaims } from './doc-bus';

describe('claims messages between nodes', () => {
  it('carry a person and the clientIDs bound to them', () => {
    const claims = { userId: 'b3c1e9d0-0000-4000-8000-000000000001', clients: [0, 17, 0xffffffff] };
    expect(decodeClaims(encodeClaims(claims))).toEqual(claims);
  });

  it.each([
    ['not JSON', new TextEncoder().encode('{')],
    ['no person', encodeClaims({ clients: [1] } as never)],
    ['a clientID out of range', encodeClaims({ userId: 'u', clients: [2 ** 32] })],
    ['a negative clientID', encodeClaims({ userId: 'u', clients: [-1] })],
    ['a fractional clientID', encodeClaims({ userId: 'u', clients: [1.5] })],
    ['clients not a list', new TextEncoder().encode('{"userId":"u","clients":3}')],
  ])('read as nothing when %s', (_, payload) => {
    expect(decodeClaims(payload)).toBeNull();
  });
});
