import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import type { NoteColor } from '../../domain/board/team-board';
import { addComment, addNote, readBoard } from '../../domain/board/team-board';
import { boardDocId } from '../../domain/sync/protocol';
import { createBoard } from '../boards/create-board';
import { writeDoc } from '../realtime/write-doc';
import { DEMO_DOMAIN } from './demo-data';
import { demoUserId } from './demo-users';

type SeedNote = { column: string; text: string; color?: NoteColor; comment?: string };

/** Creates a board as `actor` and writes its notes as server-made content (no author). */
async function seedBoard(actorId: string, partnershipId: string, board: { title: string; columns: string[]; privateToParty?: 'labor' | 'management' }, seedNotes: SeedNote[]): Promise<string> {
  const { id } = await createBoard(actorId, partnershipId, { title: board.title, columns: board.columns, privateToParty: board.privateToParty ?? null });
  await writeDoc(boardDocId(id), (doc) => {
    const columnId = new Map(readBoard(doc).columns.map((c) => [c.title, c.id]));
    for (const note of seedNotes) {
      const column = columnId.get(note.column);
      if (!column) throw new Error(`demo board has no column ${note.column}`);
      const noteId = randomUUID();
      addNote(doc, { id: noteId, column, text: note.text, color: note.color });
      if (note.comment) addComment(doc, noteId, { id: randomUUID(), text: note.comment });
    }
  });
  return id;
}

/**
 * Two team boards for the demo, so a newcomer sees live editing at once: a joint board
 * everyone in the partnership can edit, and the Association's caucus board, which only
 * labor members see (sign in as the union president, then as the superintendent).
 */
export async function seedDemoBoards(db: Db, partnershipId: string): Promise<{ joint: string; caucus: string }> {
  const facilitator = await demoUserId(db, `facilitator@${DEMO_DOMAIN}`);
  const president = await demoUserId(db, `president@${DEMO_DOMAIN}`);
  const joint = await seedBoard(facilitator, partnershipId, { title: 'Spring professional development: what should we plan?', columns: ['Ideas', 'Questions', 'Next steps'] }, [
    { column: 'Ideas', text: 'Teacher-led sessions on co-teaching with bilingual aides', color: 'green' },
    { column: 'Ideas', text: 'Half-day release for grade-level teams to look at student work together', color: 'yellow', comment: 'Principals at the middle schools are keen on this.' },
    { column: 'Ideas', text: 'Peer observation rounds, opt-in, no evaluation attached', color: 'blue' },
    { column: 'Questions', text: 'Which days can the calendar committee free up without moving the state testing window?', color: 'pink' },
    { column: 'Questions', text: 'Can substitutes be guaranteed for release days at the high schools?', color: 'orange' },
    { column: 'Next steps', text: 'Survey building reps on priorities before the March committee meeting', color: 'yellow' },
  ]);
  const caucus = await seedBoard(president, partnershipId, { title: 'Association caucus: bargaining priorities', columns: ['Must have', 'Would trade', 'Watch for'], privateToParty: 'labor' }, [
    { column: 'Must have', text: 'K–3 class-size caps written into the contract, not a side letter', color: 'pink' },
    { column: 'Would trade', text: 'Calendar alignment with the community college if planning time is protected', color: 'yellow' },
    { column: 'Watch for', text: 'Any proposal that ties aide hours to enrollment counted after October 1', color: 'orange' },
  ]);
  return { joint, caucus };
}
