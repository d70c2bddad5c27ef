import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard, addColumn, addNote } from '../board/team-board';
import { addOption, readIbbBoard } from '../ibb/ibb-board';
import { linkify, safeHref } from './safe-href';

describe('links from shared content', () => {
  it('allows only http(s) and mailto', () => {
    expect(safeHref('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(safeHref('mailto:rep@example.org')).toBe('mailto:rep@example.org');
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '/relative', '//evil.example', 'java\u0000script:alert(1)', 42, null]) {
      expect(safeHref(bad)).toBeNull();
    }
  });

  it('turns only safe URLs in text into links', () => {
    expect(linkify('see https://example.org and javascript:alert(1)')).toEqual([
      { kind: 'text', value: 'see ' },
      { kind: 'link', value: 'https://example.org', href: 'https://example.org/' },
      { kind: 'text', value: ' and javascript:alert(1)' },
    ]);
  });

  it('reads shared docs as plain text: formatting and link marks a modified client writes are dropped', () => {
    const doc = new Y.Doc();
    addColumn(doc, 'c', 'Ideas');
    addNote(doc, { id: 'n', column: 'c', text: 'click' });
    addOption(doc, { id: 'o', issueId: 'i', text: 'option', postedAs: 'named', partyTag: null });
    const noteText = doc.getMap<Y.Map<unknown>>('notes').get('n')?.get('text');
    const optionText = doc.getMap<Y.Map<unknown>>('options').get('o')?.get('text');
    if (!(noteText instanceof Y.Text) || !(optionText instanceof Y.Text)) throw new Error('expected Y.Text');
    noteText.format(0, 5, { link: 'javascript:alert(1)' });
    optionText.insert(0, '<img src=x onerror=alert(1)>', { link: 'data:text/html,x' });
    expect(readBoard(doc).notes[0]?.text).toBe('click');
    expect(readIbbBoard(doc).options[0]?.text).toBe('<img src=x onerror=alert(1)>option');
  });
});
