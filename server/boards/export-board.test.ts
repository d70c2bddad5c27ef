import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AGREE_REACTION, addComment, addNote, initBoard, readBoard, toggleReaction } from '../../domain/board/team-board';
import { renderBoardCsv } from './export-board';

describe('a team board as CSV', () => {
  it('has a row for the board, each column, each note in board order and each comment', () => {
    const doc = new Y.Doc();
    let n = 0;
    initBoard(doc, 'Release days, año 2026', ['Ideas', 'Questions'], () => `c${++n}`);
    addNote(doc, { id: 'n1', column: 'c1', text: 'Coaches, in every school' });
    addNote(doc, { id: 'n2', column: 'c1', text: '=HYPERLINK("http://evil.example")', color: 'pink' });
    addNote(doc, { id: 'n3', column: 'c2', text: 'Which days?\nNot testing week' });
    addComment(doc, 'n1', { id: 'm1', text: 'Start with K–3' });
    toggleReaction(doc, 'n1', AGREE_REACTION, 'ana');
    toggleReaction(doc, 'n1', AGREE_REACTION, 'ben');
    expect(renderBoardCsv(readBoard(doc)).split('\r\n')).toEqual([
      '\uFEFFsection,id,parent_id,column,position,color,agreements,text',
      'board,,,,,,,"Release days, año 2026"',
      'column,c1,,,1,,,Ideas',
      'column,c2,,,2,,,Questions',
      'note,n1,c1,Ideas,1,yellow,2,"Coaches, in every school"',
      'comment,m1,n1,Ideas,1,,,Start with K–3',
      `note,n2,c1,Ideas,2,pink,0,"'=HYPERLINK(""http://evil.example"")"`,
      'note,n3,c2,Questions,1,yellow,0,"Which days?\nNot testing week"',
      '',
    ]);
  });
});
