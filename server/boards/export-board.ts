import * as Y from 'yjs';
import type { BoardView } from '../../domain/board/team-board';
import { agreementCount, readBoard } from '../../domain/board/team-board';
import { AppError } from '../../domain/errors';
import { boardDocId, parseDocId } from '../../domain/sync/protocol';
import { csvDocument } from '../export/csv';
import { resolveDocAccess } from '../realtime/doc-access';
import { readStoredDoc } from '../realtime/persistence';
import { fileStem } from '../../domain/text/file-stem';

/**
 * A team board as one flat CSV, for whoever takes the notes away into a spreadsheet: a
 * `section` column says what each row is (board, column, note, comment), `position`
 * counts from 1 within its column or note, in the order the board shows them. Authors are
 * not named: the board does not show who wrote a note, so neither does its export.
 */
export const BOARD_CSV_COLUMNS = ['section', 'id', 'parent_id', 'column', 'position', 'color', 'agreements', 'text'] as const;

export function renderBoardCsv(board: BoardView): string {
  const rows: Partial<Record<(typeof BOARD_CSV_COLUMNS)[number], string | number>>[] = [{ section: 'board', text: board.title }];
  board.columns.forEach((c, i) => rows.push({ section: 'column', id: c.id, position: i + 1, text: c.title }));
  for (const c of board.columns) {
    board.notes
      .filter((n) => n.column === c.id)
      .forEach((n, i) => {
        rows.push({ section: 'note', id: n.id, parent_id: c.id, column: c.title, position: i + 1, color: n.color, agreements: agreementCount(n), text: n.text });
        n.comments.forEach((m, j) => rows.push({ section: 'comment', id: m.id, parent_id: n.id, column: c.title, position: j + 1, text: m.text }));
      });
  }
  return csvDocument(BOARD_CSV_COLUMNS, rows);
}

/**
 * The board's durable content (the update log, as every join reads it) for someone who
 * may open the board: the same decision as joining it, so another party's private board
 * answers exactly like a board that does not exist.
 */
export async function exportBoardCsv(userId: string, boardId: string): Promise<{ filename: string; body: string }> {
  const docId = boardDocId(boardId);
  const parsed = parseDocId(docId);
  const decision = parsed ? await resolveDocAccess(userId, parsed) : null;
  if (!decision || decision.access === 'none') throw new AppError('not_found', 'Board not found');
  const stored = await readStoredDoc(docId);
  const doc = new Y.Doc();
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u);
  });
  const board = readBoard(doc);
  doc.destroy();
  return { filename: `${fileStem(board.title, 'board')}.csv`, body: renderBoardCsv(board) };
}
