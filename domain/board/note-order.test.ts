import { describe, expect, it } from 'vitest';
import { neighbourColumn, orderAtEnd, orderBefore } from './note-order';
import type { NoteView } from './team-board';

function note(id: string, column: string, order: number): NoteView {
  return { id, column, order, color: 'yellow', text: id, comments: [], reactions: {}, creatorClientId: null };
}

const notes = [note('a', 'c1', 1), note('b', 'c1', 2), note('c', 'c1', 3), note('d', 'c2', 5)];

describe('note order', () => {
  it('puts a note after the last one of its target column, ignoring the note being moved', () => {
    expect(orderAtEnd(notes, 'c2')).toBe(6);
    expect(orderAtEnd(notes, 'c3')).toBe(1);
    expect(orderAtEnd(notes, 'c1', 'c')).toBe(3);
  });

  it('puts a note between the target and the note above it', () => {
    expect(orderBefore(notes, 'c1', 'b', 'd')).toBe(1.5);
    expect(orderBefore(notes, 'c1', 'a', 'd')).toBe(0);
    // Moving b before c: b itself is not "the note above".
    expect(orderBefore(notes, 'c1', 'c', 'b')).toBe(2);
    expect(orderBefore(notes, 'c2', 'missing', 'a')).toBe(6);
  });

  it('finds the neighbouring column or null at the edges', () => {
    const columns = [
      { id: 'c1', title: 'One' },
      { id: 'c2', title: 'Two' },
    ];
    expect(neighbourColumn(columns, 'c1', 1)?.id).toBe('c2');
    expect(neighbourColumn(columns, 'c1', -1)).toBeNull();
    expect(neighbourColumn(columns, 'c2', 1)).toBeNull();
    expect(neighbourColumn(columns, 'nope', 1)).toBeNull();
  });
});
