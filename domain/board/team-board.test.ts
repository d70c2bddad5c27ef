import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AGREE_REACTION, addColumn, addComment, addNote, boardUndoManager, byAgreement, deleteNote, initBoard, moveColumn, readBoard, removeColumn, setNoteText, toggleReaction } from './team-board';

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

describe('moving a column', () => {
  const titles = (doc: Y.Doc) => readBoard(doc).columns.map((c) => c.title);

  it('moves one place left or right with its notes, and not past either edge', () => {
    const doc = board();
    addNote(doc, { id: 'n1', column: 'c3', text: 'survey reps' });
    moveColumn(doc, 'c3', -1);
    expect(titles(doc)).toEqual(['Ideas', 'Next steps', 'Questions']);
    moveColumn(doc, 'c3', -1);
    moveColumn(doc, 'c3', -1);
    expect(layout(doc)).toEqual({ 'Next steps': ['survey reps'], Ideas: [], Questions: [] });
    moveColumn(doc, 'c2', 1);
    moveColumn(doc, 'c1', 1);
    expect(titles(doc)).toEqual(['Next steps', 'Questions', 'Ideas']);
    addColumn(doc, 'c4', 'Later');
    expect(titles(doc)).toEqual(['Next steps', 'Questions', 'Ideas', 'Later']);
  });

  it('places the columns of a board made before columns had numbers by their array order', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      for (const [id, title] of [['a', 'One'], ['b', 'Two'], ['c', 'Three']]) {
        const col = new Y.Map<unknown>();
        col.set('id', id);
        col.set('title', new Y.Text(title));
        doc.getArray('columns').push([col]);
      }
    });
    expect(titles(doc)).toEqual(['One', 'Two', 'Three']);
    moveColumn(doc, 'a', 1);
    expect(titles(doc)).toEqual(['Two', 'One', 'Three']);
    addColumn(doc, 'd', 'Four');
    expect(titles(doc)).toEqual(['Two', 'One', 'Three', 'Four']);
  });

  it('keeps both of two people’s moves of different columns, and both see the same order', () => {
    const a = board();
    const b = new Y.Doc();
    exchange(a, b);
    addColumn(a, 'c4', 'Later');
    exchange(a, b);
    moveColumn(a, 'c1', 1); // Questions, Ideas, Next steps, Later
    moveColumn(b, 'c4', -1); // Ideas, Questions, Later, Next steps
    exchange(a, b);
    expect(titles(a)).toEqual(['Questions', 'Ideas', 'Later', 'Next steps']);
    expect(titles(b)).toEqual(titles(a));
  });
});

describe('undo', () => {
  /** What the server does with a remote update: an origin other than the local edits' null. */
  const REMOTE = Symbol('remote');
  function sync(from: Y.Doc, to: Y.Doc): void {
    Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), REMOTE);
  }
  /** Two copies of one board; undo tracks the first. */
  function twoCopies(): { a: Y.Doc; b: Y.Doc; undo: Y.UndoManager } {
    const a = board();
    const b = new Y.Doc();
    sync(a, b);
    return { a, b, undo: boardUndoManager(a) };
  }

  it('brings back a deleted note with its text, comments and agreements, for everyone, and redoes the delete', () => {
    const { a, b, undo } = twoCopies();
    addNote(a, { id: 'n1', column: 'c1', text: 'release days' });
    addComment(a, 'n1', { id: 'k1', text: 'which schools?' });
    toggleReaction(a, 'n1', AGREE_REACTION, 'person-a');
    undo.stopCapturing();
    deleteNote(a, 'n1');
    sync(a, b);
    expect(readBoard(b).notes).toEqual([]);

    undo.undo();
    sync(a, b);
    const [note] = readBoard(b).notes;
    expect(note).toMatchObject({ id: 'n1', column: 'c1', text: 'release days', comments: [{ id: 'k1', text: 'which schools?' }], reactions: { [AGREE_REACTION]: 1 } });
    undo.redo();
    sync(a, b);
    expect(readBoard(b).notes).toEqual([]);
  });

  it('takes back only this copy’s changes, never another person’s made in between', () => {
    const { a, b, undo } = twoCopies();
    addNote(a, { id: 'mine', column: 'c1', text: 'mine' });
    sync(a, b);
    addNote(b, { id: 'theirs', column: 'c2', text: 'theirs' });
    setNoteText(b, 'mine', 'mine, edited by b');
    sync(b, a);
    // What arrived from the other copy is not on this copy's undo stack…
    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    sync(a, b);
    // …so undoing removes this copy's note and leaves the other person's alone.
    expect(readBoard(b).notes.map((n) => n.id)).toEqual(['theirs']);
    expect(undo.canUndo()).toBe(false);
  });

  it('undoes a burst of typing as one step, and separate edits one at a time', () => {
    const a = board();
    addNote(a, { id: 'n1', column: 'c1', text: '' });
    const undo = boardUndoManager(a);
    for (const text of ['r', 're', 'rel', 'rele', 'relea', 'releas', 'release']) setNoteText(a, 'n1', text);
    undo.stopCapturing();
    setNoteText(a, 'n1', 'release days');
    undo.undo();
    expect(readBoard(a).notes[0]?.text).toBe('release');
    undo.undo();
    expect(readBoard(a).notes[0]?.text).toBe('');
  });
});

describe('most agreed first', () => {
  it('orders notes by agreements, keeping board order among notes with as many', () => {
    const doc = board();
    for (const id of ['n1', 'n2', 'n3', 'n4']) addNote(doc, { id, column: 'c1', text: id });
    toggleReaction(doc, 'n3', AGREE_REACTION, 'p1');
    toggleReaction(doc, 'n3', AGREE_REACTION, 'p2');
    toggleReaction(doc, 'n2', AGREE_REACTION, 'p1');
    toggleReaction(doc, 'n4', AGREE_REACTION, 'p2');
    const notes = readBoard(doc).notes;
    expect(notes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3', 'n4']);
    expect(byAgreement(notes).map((n) => n.id)).toEqual(['n3', 'n2', 'n4', 'n1']);
  });
});
