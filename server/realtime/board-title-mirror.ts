import type * as Y from 'yjs';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { boards } from '../../db/schema';
import { MAX_TITLE, readBoardTitle } from '../../domain/board/team-board';
import { pgText } from '../../domain/text/pg-text';

/** At most one title write per board per this many milliseconds while people type. */
const MIRROR_EVERY_MS = 1000;

/**
 * A team board's title lives in its doc (people edit it together), but lists of boards
 * (the partnership home, search, exports) read `boards.title`. This copies the doc's title
 * into that row shortly after it changes: at most once a second while someone types, and
 * once more when the room closes. An empty title is not copied (the row keeps the last
 * one); the row of an archived board is left alone.
 */
export class BoardTitleMirror {
  private lastWritten: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly boardId: string,
    private readonly doc: Y.Doc,
  ) {}

  /** Called after the doc changed; cheap, so it can run on every update. */
  noteChange(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.writing = this.writing.then(() => this.write());
    }, MIRROR_EVERY_MS);
    this.timer.unref();
  }

  /** Writes a pending change now (the room is closing). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.writing = this.writing.then(() => this.write());
    }
    await this.writing;
  }

  private async write(): Promise<void> {
    const title = pgText(readBoardTitle(this.doc)).trim().slice(0, MAX_TITLE);
    if (title === '' || title === this.lastWritten) return;
    try {
      await getDb()
        .update(boards)
        .set({ title })
        .where(and(eq(boards.id, this.boardId), isNull(boards.archivedAt), ne(boards.title, title)));
      this.lastWritten = title;
    } catch (err) {
      console.error(`[realtime] could not copy the title of board ${this.boardId}`, err);
    }
  }
}
