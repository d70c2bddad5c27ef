import { describe, expect, it } from 'vitest';
import { parseDocId } from './protocol';

const id = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('doc ids', () => {
  it('parses typed ids', () => {
    expect(parseDocId(`board:${id}`)).toEqual({ kind: 'board', id, party: null });
    expect(parseDocId(`caucus:${id}:labor`)).toEqual({ kind: 'caucus', id, party: 'labor' });
  });
  it('rejects anything else', () => {
    for (const bad of [`caucus:${id}`, `board:${id}:labor`, 'board:x', `nope:${id}`, 42, null, `board:${id} `, `board:${id.toUpperCase()}`]) {
      expect(parseDocId(bad)).toBeNull();
    }
  });
});
