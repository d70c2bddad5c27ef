import type { ColumnView, NoteView } from './team-board';

/**
 * Where a moved note lands. Orders are numbers, so a move writes one note only (the
 * drop), never renumbers the column: two people moving different notes never conflict.
 */
export function orderAtEnd(notes: NoteView[], column: string, movingId: string | null = null): number {
  const inColumn = notes.filter((n) => n.column === column && n.id !== movingId);
  return inColumn.length === 0 ? 1 : Math.max(...inColumn.map((n) => n.order)) + 1;
}

/** An order just before `beforeId` in its column (halfway to the note above it). */
export function orderBefore(notes: NoteView[], column: string, beforeId: string, movingId: string): number {
  const inColumn = notes.filter((n) => n.column === column && n.id !== movingId).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const index = inColumn.findIndex((n) => n.id === beforeId);
  const target = inColumn[index];
  if (!target) return orderAtEnd(notes, column, movingId);
  const above = inColumn[index - 1];
  return above ? (above.order + target.order) / 2 : target.order - 1;
}

/** The column to the left (-1) or right (+1) of `columnId`, or null at the edge. */
export function neighbourColumn(columns: ColumnView[], columnId: string, direction: -1 | 1): ColumnView | null {
  const index = columns.findIndex((c) => c.id === columnId);
  if (index === -1) return null;
  return columns[index + direction] ?? null;
}
