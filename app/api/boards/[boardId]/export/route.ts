import { z } from 'zod';
import { exportBoardCsv } from '@/server/boards/export-board';
import { parseInput } from '@/server/http/parse-input';
import { withUser } from '@/server/http/route-handler';

/** GET /api/boards/<boardId>/export: the team board as CSV, for anyone who may open it. */
export const GET = withUser<{ boardId: string }>('board-export', async ({ user, params }) => {
  const boardId = parseInput(z.string().uuid(), params.boardId);
  const file = await exportBoardCsv(user.id, boardId);
  return new Response(file.body, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${file.filename}"` },
  });
});
