import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addColumn, addNote, initBoard, readBoard, removeColumn } from './team-board';

function board(): Y.Doc {
  const doc = new Y.Doc();
  let n = 0;
  initBoard(doc, 'Plan', ['Ideas', 'Questions', 'Next steps'], () => `c${++n}`);
  return doc;
}

/** Column titles with their notes' text, in the order a reader sees them. */
function layout(doc: Y.Doc): Record<string, string[]> {
  const view = readBoard(doc);
  return Object.fromEntries(view.columns.map((c) => [c.title, view.notes.filter((n) => n.column === c.id).map((n) => n.text)]));
}

function exchange(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

describe('removing a column', () => {
  it('moves its notes, in order, to the end of the column before it (after it, for the first)', () => {
    const doc = board();
    addNote(doc, { id: 'n1', column: 'c1', text: 'coaches' });
    addNote(doc, { id: 'n2', column: 'c2', text: 'which days?' });
    addNote(doc, { id: 'n3', column: 'c2', text: 'substitutes?' });
    expect(removeColumn(doc, 'c2')).toBe('c1');
    expect(layout(doc)).toEqual({ Ideas: ['coaches', 'which days?', 'substitutes?'], 'Next steps': [] });
    expect(removeColumn(doc, 'c1')).toBe('c3');
    expect(layout(doc)).toEqual({ 'Next steps': ['coaches', 'which days?', 'substitutes?'] });
  });

  it('keeps the last column, and ignores a column that does not exist', () => {
    const doc = board();
    expect(removeColumn(doc, 'nope')).toBeNull();
    removeColumn(doc, 'c1');
    removeColumn(doc, 'c2');
    expect(removeColumn(doc, 'c3')).toBeNull();
    expect(readBoard(doc).columns.map((c) => c.id)).toEqual(['c3']);
  });

  it('loses no note added to the column by someone who had not seen it removed', () => {
    const a = board();
    const b = new Y.Doc();
    exchange(a, b);
    addNote(a, { id: 'kept', column: 'c2', text: 'moved with the column' });
    exchange(a, b);
    // Concurrently: A removes "Questions", B (offline) adds a note to it and adds a column.
    removeColumn(a, 'c2');
    addNote(b, { id: 'late', column: 'c2', text: 'written offline' });
    addColumn(b, 'c4', 'Later');
    exchange(a, b);
    const expected = { Ideas: ['moved with the column', 'written offline'], 'Next steps': [], Later: [] };
    expect(layout(a)).toEqual(expected);
    expect(layout(b)).toEqual(expected);
  });
});
