import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addInterest, addIssue, readIbbBoard } from '../../domain/ibb/ibb-board';
import { parseSpotlight, spotlightItem, spotlightKey } from './spotlight';

describe('spotlight', () => {
  it('round-trips a key and rejects unknown kinds', () => {
    expect(parseSpotlight(spotlightKey('interest', 'abc'))).toEqual({ kind: 'interest', id: 'abc' });
    expect(parseSpotlight('caucus:abc')).toBeNull();
    expect(parseSpotlight('issue:')).toBeNull();
    expect(parseSpotlight(null)).toBeNull();
  });

  it('resolves the item and its issue from the board, or nothing once it is gone', () => {
    const doc = new Y.Doc();
    addIssue(doc, { id: 'i1', title: 'How can we keep class sizes manageable?', raisedBy: 'joint' });
    addInterest(doc, { id: 'n1', issueId: 'i1', holder: 'mutual', kind: 'substantive', text: 'Students get attention' });
    const board = readIbbBoard(doc);
    expect(spotlightItem(board, 'interest:n1')).toEqual({ kind: 'interest', text: 'Students get attention', issueTitle: 'How can we keep class sizes manageable?' });
    expect(spotlightItem(board, 'issue:i1')?.issueTitle).toBeNull();
    expect(spotlightItem(board, 'option:missing')).toBeNull();
  });
});
