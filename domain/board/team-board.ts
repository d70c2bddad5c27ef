import * as Y from 'yjs';

/**
 * The shape of a team board's Y.Doc, defined once. Components and the server use these
 * accessors; nothing else touches raw Y.Map keys.
 *
 *   meta:    Y.Map  { title: Y.Text }
 *   columns: Y.Array<Y.Map { id: string, title: Y.Text, order?: number }>   (shown by order, else array place)
 *   notes:   Y.Map<noteId, Y.Map { id, column: string, order: number, color: string, text: Y.Text,
 *                                   comments: Y.Array<Y.Map { id, text: Y.Text }>, reactions: Y.Map<clientKey, emoji> }>
 */
export const NOTE_COLORS = ['yellow', 'blue', 'green', 'pink', 'orange'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

export interface ColumnView {
  id: string;
  title: string;
}
export interface NoteView {
  id: string;
  column: string;
  order: number;
  color: NoteColor;
  text: string;
  comments: { id: string; text: string }[];
  reactions: Record<string, number>;
  /** Yjs clientID that created the note; the server maps it to a person. */
  creatorClientId: number | null;
}
export interface BoardView {
  title: string;
  columns: ColumnView[];
  notes: NoteView[];
}

/** The one reaction the board offers ("Agree"), the key it is stored under in a note's reactions. */
export const AGREE_REACTION = '👍';

/** How many people agree with a note (shown on the note, the projector and in exports). */
export function agreementCount(note: NoteView): number {
  return note.reactions[AGREE_REACTION] ?? 0;
}

/**
 * Notes with the most agreements first; notes with as many keep their board order (the
 * projector's "most agreed first", for a room deciding which ideas to take forward).
 */
export function byAgreement<N extends NoteView>(notes: readonly N[]): N[] {
  return notes
    .map((note, index) => ({ note, index, count: agreementCount(note) }))
    .sort((a, b) => b.count - a.count || a.index - b.index)
    .map((x) => x.note);
}

export const MAX_NOTE_TEXT = 2000;
export const MAX_TITLE = 200;

function meta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meta');
}
function columns(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray('columns');
}
function notes(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('notes');
}

function textOf(map: Y.Map<unknown>, key: string): string {
  const v = map.get(key);
  return v instanceof Y.Text ? v.toString() : '';
}
function stringOf(map: Y.Map<unknown>, key: string, fallback: string): string {
  const v = map.get(key);
  return typeof v === 'string' ? v : fallback;
}
function numberOf(map: Y.Map<unknown>, key: string, fallback: number): number {
  const v = map.get(key);
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** The board's title as its doc holds it (what people see and edit). */
export function readBoardTitle(doc: Y.Doc): string {
  return textOf(meta(doc), 'title');
}

/** Replaces a Y.Text's content with a minimal edit (common prefix/suffix kept), so concurrent edits merge. */
export function replaceText(text: Y.Text, next: string): void {
  const current = text.toString();
  if (current === next) return;
  let start = 0;
  while (start < current.length && start < next.length && current[start] === next[start]) start++;
  let endCur = current.length;
  let endNext = next.length;
  while (endCur > start && endNext > start && current[endCur - 1] === next[endNext - 1]) {
    endCur--;
    endNext--;
  }
  if (endCur > start) text.delete(start, endCur - start);
  if (endNext > start) text.insert(start, next.slice(start, endNext));
}

function newText(value: string): Y.Text {
  const t = new Y.Text();
  t.insert(0, value);
  return t;
}

interface PlacedColumn {
  map: Y.Map<unknown>;
  id: string;
  /** Its `order` when it has one (moves and new columns set it), else its place in the array. */
  key: number;
  index: number;
}

/** The columns in the order people see them. */
function placedColumns(doc: Y.Doc): PlacedColumn[] {
  return columns(doc)
    .toArray()
    .map((map, index) => ({ map, id: stringOf(map, 'id', ''), key: numberOf(map, 'order', index + 1), index }))
    .filter((c) => c.id)
    .sort((a, b) => a.key - b.key || a.index - b.index);
}

export function readBoard(doc: Y.Doc): BoardView {
  const cols = placedColumns(doc).map((c) => ({ id: c.id, title: textOf(c.map, 'title') }));
  const list: NoteView[] = [];
  notes(doc).forEach((n, id) => {
    const reactions: Record<string, number> = {};
    const r = n.get('reactions');
    if (r instanceof Y.Map) r.forEach((emoji) => typeof emoji === 'string' && (reactions[emoji] = (reactions[emoji] ?? 0) + 1));
    const c = n.get('comments');
    const comments =
      c instanceof Y.Array ? c.toArray().flatMap((m) => (m instanceof Y.Map ? [{ id: stringOf(m, 'id', ''), text: textOf(m, 'text') }] : [])) : [];
    const color = stringOf(n, 'color', 'yellow');
    list.push({
      id,
      column: stringOf(n, 'column', ''),
      order: numberOf(n, 'order', 0),
      color: NOTE_COLORS.find((k) => k === color) ?? 'yellow',
      text: textOf(n, 'text'),
      comments,
      reactions,
      creatorClientId: n._item ? n._item.id.client : null,
    });
  });
  // A note whose column is gone (someone added or moved it there while another person
  // removed the column) is shown in the first column: nothing on a board is ever invisible.
  const first = cols[0]?.id;
  if (first !== undefined) {
    const known = new Set(cols.map((c) => c.id));
    for (const n of list) if (!known.has(n.column)) n.column = first;
  }
  list.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { title: textOf(meta(doc), 'title'), columns: cols, notes: list };
}

export function initBoard(doc: Y.Doc, title: string, columnTitles: string[], makeId: () => string): void {
  doc.transact(() => {
    meta(doc).set('title', newText(title.slice(0, MAX_TITLE)));
    for (const t of columnTitles) addColumn(doc, makeId(), t);
  });
}

export function setBoardTitle(doc: Y.Doc, title: string): void {
  const m = meta(doc);
  const t = m.get('title');
  if (t instanceof Y.Text) replaceText(t, title.slice(0, MAX_TITLE));
  else m.set('title', newText(title.slice(0, MAX_TITLE)));
}

export function addColumn(doc: Y.Doc, id: string, title: string): void {
  const col = new Y.Map<unknown>();
  col.set('id', id);
  col.set('title', newText(title.slice(0, MAX_TITLE)));
  col.set('order', Math.max(0, ...placedColumns(doc).map((c) => c.key)) + 1);
  columns(doc).push([col]);
}

/**
 * Moves a column one place left (-1) or right (+1). Like a note's, a column's place is a
 * number: a move writes the moved column's `order` (halfway to the column beyond its
 * neighbour), so two people moving different columns never undo each other. Columns of
 * an older board, placed by the array alone, get their numbers in the same transaction.
 */
export function moveColumn(doc: Y.Doc, columnId: string, direction: -1 | 1): void {
  doc.transact(() => {
    const placed = placedColumns(doc);
    for (const c of placed) if (c.map.get('order') === undefined) c.map.set('order', c.key);
    const index = placed.findIndex((c) => c.id === columnId);
    const moving = placed[index];
    const neighbour = placed[index + direction];
    if (index < 0 || !moving || !neighbour) return;
    const beyond = placed[index + 2 * direction];
    moving.map.set('order', beyond ? (neighbour.key + beyond.key) / 2 : neighbour.key + direction);
  });
}

export function renameColumn(doc: Y.Doc, columnId: string, title: string): void {
  const col = columns(doc)
    .toArray()
    .find((c) => c.get('id') === columnId);
  const t = col?.get('title');
  if (t instanceof Y.Text) replaceText(t, title.slice(0, MAX_TITLE));
}

/**
 * Removes a column and moves its notes, in their order, to the end of the column before it
 * (the one after it, for the first column). A board keeps at least one column: removing
 * the last one does nothing and returns null. Returns the id of the column that took the
 * notes.
 */
export function removeColumn(doc: Y.Doc, columnId: string): string | null {
  const placed = placedColumns(doc);
  const place = placed.findIndex((c) => c.id === columnId);
  const removed = placed[place];
  const heirId = (placed[place - 1] ?? placed[place + 1])?.id;
  if (!removed || !heirId) return null;
  doc.transact(() => {
    const board = readBoard(doc);
    const moving = board.notes.filter((n) => n.column === columnId);
    let order = Math.max(0, ...board.notes.filter((n) => n.column === heirId).map((n) => n.order));
    for (const note of moving) {
      const n = notes(doc).get(note.id);
      if (!n) continue;
      n.set('column', heirId);
      n.set('order', ++order);
    }
    columns(doc).delete(removed.index, 1);
  });
  return heirId;
}

export function addNote(doc: Y.Doc, note: { id: string; column: string; text: string; color?: NoteColor }): void {
  doc.transact(() => {
    const existing = readBoard(doc).notes.filter((n) => n.column === note.column);
    const order = existing.length === 0 ? 1 : Math.max(...existing.map((n) => n.order)) + 1;
    const n = new Y.Map<unknown>();
    n.set('id', note.id);
    n.set('column', note.column);
    n.set('order', order);
    n.set('color', note.color ?? 'yellow');
    n.set('text', newText(note.text.slice(0, MAX_NOTE_TEXT)));
    n.set('comments', new Y.Array());
    n.set('reactions', new Y.Map());
    notes(doc).set(note.id, n);
  });
}

export function setNoteText(doc: Y.Doc, noteId: string, text: string): void {
  const t = notes(doc).get(noteId)?.get('text');
  if (t instanceof Y.Text) replaceText(t, text.slice(0, MAX_NOTE_TEXT));
}

export function setNoteColor(doc: Y.Doc, noteId: string, color: NoteColor): void {
  const n = notes(doc).get(noteId);
  if (n && n.get('color') !== color) n.set('color', color);
}

/** Moves a note; called on drop only (positions during a drag travel as awareness). */
export function moveNote(doc: Y.Doc, noteId: string, column: string, order: number): void {
  const n = notes(doc).get(noteId);
  if (!n) return;
  doc.transact(() => {
    if (n.get('column') !== column) n.set('column', column);
    if (n.get('order') !== order) n.set('order', order);
  });
}

export function deleteNote(doc: Y.Doc, noteId: string): void {
  notes(doc).delete(noteId);
}

export function addComment(doc: Y.Doc, noteId: string, comment: { id: string; text: string }): void {
  const c = notes(doc).get(noteId)?.get('comments');
  if (!(c instanceof Y.Array)) return;
  const m = new Y.Map<unknown>();
  m.set('id', comment.id);
  m.set('text', newText(comment.text.slice(0, MAX_NOTE_TEXT)));
  c.push([m]);
}

/**
 * One reaction per person and note, keyed by `reactorKey`. Pass the person's id: the
 * default (this doc instance's clientID) changes on every page load, so the same person
 * could otherwise react again after each reload.
 */
export function toggleReaction(doc: Y.Doc, noteId: string, emoji: string, reactorKey: string = String(doc.clientID)): void {
  const r = notes(doc).get(noteId)?.get('reactions');
  if (!(r instanceof Y.Map)) return;
  if (r.get(reactorKey) === emoji) r.delete(reactorKey);
  else r.set(reactorKey, emoji);
}

/** Whether `reactorKey` has given this reaction to the note (for a toggle's pressed state). */
export function hasReacted(doc: Y.Doc, noteId: string, emoji: string, reactorKey: string): boolean {
  const r = notes(doc).get(noteId)?.get('reactions');
  return r instanceof Y.Map && r.get(reactorKey) === emoji;
}

/** Changes made within this long of each other undo as one step (a burst of typing, say). */
export const UNDO_CAPTURE_MS = 600;

/**
 * Undo and redo of this copy's own changes to the board: notes, columns, titles, comments,
 * agreements. Changes that arrive from the server (other people's) and from the offline
 * copy carry an origin and are not tracked, so undoing never takes back someone else's
 * work; Yjs reverts only what this copy did, on top of whatever others have done since.
 * A deleted note comes back with its text, comments and agreements.
 */
export function boardUndoManager(doc: Y.Doc): Y.UndoManager {
  return new Y.UndoManager([meta(doc), columns(doc), notes(doc)], { captureTimeout: UNDO_CAPTURE_MS });
}
