import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ChangeRecord } from './attribution';
import { describeTransaction } from './attribution';
import { addColumn, addComment, addNote, deleteNote, moveNote, readBoard, setNoteText, toggleReaction } from './team-board';

function recorder(doc: Y.Doc) {
  let last: ChangeRecord[] = [];
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    last = describeTransaction(tr);
  });
  return () => last.map((r) => `${r.kind} ${r.targetItem}`).sort();
}

describe('attribution of board changes', () => {
  it('names what a change did to which item', () => {
    const doc = new Y.Doc();
    const last = recorder(doc);
    addColumn(doc, 'c1', 'Ideas');
    expect(last()).toEqual(['created columns/c1']);
    addNote(doc, { id: 'n1', column: 'c1', text: 'hello' });
    expect(last()).toEqual(['created notes/n1']);
    setNoteText(doc, 'n1', 'hello world');
    expect(last()).toEqual(['edited notes/n1']);
    addComment(doc, 'n1', { id: 'k1', text: 'yes' });
    expect(last()).toEqual(['commented notes/n1']);
    toggleReaction(doc, 'n1', '👍');
    expect(last()).toEqual(['reacted notes/n1']);
    moveNote(doc, 'n1', 'c2', 5);
    expect(last()).toEqual(['edited notes/n1']);
    deleteNote(doc, 'n1');
    expect(last()).toEqual(['deleted notes/n1']);
  });

  it('reports the creator of the target item, not of the change', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addColumn(a, 'c1', 'Ideas');
    addNote(a, { id: 'n1', column: 'c1', text: 'from a' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    let records: ChangeRecord[] = [];
    b.on('afterTransaction', (tr: Y.Transaction) => (records = describeTransaction(tr)));
    setNoteText(b, 'n1', 'from a, edited by b');
    expect(records).toEqual([{ kind: 'edited', targetItem: 'notes/n1', targetCreatorClientId: a.clientID, size: expect.any(Number) }]);
    expect(readBoard(b).notes[0]?.creatorClientId).toBe(a.clientID);
  });
});
