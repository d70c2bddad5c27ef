import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { capture } from '../../tests/support/raw-sync';
import { changedAnything, holdsAllOf } from './doc-changes';

describe('holdsAllOf', () => {
  const source = new Y.Doc();
  const inserted = capture(source, () => source.getText('t').insert(0, 'hello world'));
  const deleted = capture(source, () => source.getText('t').delete(0, 6));
  const more = capture(source, () => source.getText('t').insert(5, '!'));

  it('is true for content and deletions the doc already has', () => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
    expect(holdsAllOf(copy, inserted)).toBe(true);
    expect(holdsAllOf(copy, deleted)).toBe(true);
    expect(holdsAllOf(copy, more)).toBe(true);
  });

  it('is false for content the doc lacks, even when it has part of the update', () => {
    const copy = new Y.Doc();
    expect(holdsAllOf(copy, inserted)).toBe(false);
    Y.applyUpdate(copy, inserted);
    expect(holdsAllOf(copy, Y.mergeUpdates([inserted, more]))).toBe(false);
  });

  it('is false for a deletion the doc has not made', () => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, inserted);
    expect(holdsAllOf(copy, deleted)).toBe(false);
    Y.applyUpdate(copy, deleted);
    expect(holdsAllOf(copy, deleted)).toBe(true);
  });

  it('is false for bytes that are not an update', () => {
    expect(holdsAllOf(new Y.Doc(), new Uint8Array([9, 9, 9]))).toBe(false);
  });
});

describe('changedAnything', () => {
  it('sees insertions and deletions, and nothing in a repeat', () => {
    const source = new Y.Doc();
    const inserted = capture(source, () => source.getText('t').insert(0, 'abc'));
    const deleted = capture(source, () => source.getText('t').delete(0, 1));
    const copy = new Y.Doc();
    const seen: boolean[] = [];
    copy.on('afterTransaction', (tr: Y.Transaction) => seen.push(changedAnything(tr)));
    for (const u of [inserted, deleted, inserted, deleted]) Y.applyUpdate(copy, u);
    expect(seen).toEqual([true, true, false, false]);
  });
});
