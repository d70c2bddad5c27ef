import { createRequire } from 'node:module';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOption } from '../../domain/ibb/ibb-board';
import { canonicalTaText } from '../../domain/ibb/session-rules';
import { HttpClient } from '../support/http-client';
import type { AccordProcess } from '../support/server';
import { startAccord } from '../support/server';
import { connectAs, openSynced } from '../support/sync';

type Built = { id: string; email: string; password: string; name: string };

const FORMATS = ['json', 'csv', 'html', 'pdf', 'docx'] as const;
type Format = (typeof FORMATS)[number];

const TA_TEXT = `Article 12 — Class size
12.1 No class in grades K–3 will exceed 24 niños per teacher.
12.2 The district adds an aide within 10 school days when a class passes its cap.`;
const SCRIPT_OPTION = '<script>alert(1)</script> pay for aides';
const JS_LINK_OPTION = 'See javascript:alert(1) and https://example.org/plan?a=1&b=2';

/** Every text on every page of a PDF, page by page (pdf.js, the legacy build for Node). */
async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const fonts = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts/');
  const pdf = await pdfjs.getDocument({ data: bytes, standardFontDataUrl: fonts, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : '')).join(''));
  }
  await pdf.destroy();
  return pages;
}

describe('IBB session record export', () => {
  let server: AccordProcess;
  let sessionId: string;
  let taHash: string;
  let people: Record<'facilitator' | 'laborChief' | 'laborMember' | 'mgmtChief' | 'mgmtMember' | 'bystander' | 'elsewhere', Built>;
  const secret = `CAUCUS-SECRET-${Math.random().toString(36).slice(2, 10)}`;
  const issueId = 'issue-class-size';
  const downloads = new Map<Format, Response>();
  const bodies = new Map<Format, Uint8Array>();

  beforeAll(async () => {
    server = await startAccord({});
    const p = await server.fixture('partnership', { name: 'Export' });
    const other = await server.fixture('partnership', { name: 'Elsewhere' });
    const partnershipId = p.id;
    people = {
      facilitator: await server.fixture('user', { partnershipId, party: 'neutral', role: 'facilitator' }),
      laborChief: await server.fixture('user', { partnershipId, party: 'labor', role: 'union_president' }),
      laborMember: await server.fixture('user', { partnershipId, party: 'labor', role: 'teacher', name: 'Ana Muñoz' }),
      mgmtChief: await server.fixture('user', { partnershipId, party: 'management', role: 'superintendent' }),
      mgmtMember: await server.fixture('user', { partnershipId, party: 'management', role: 'administrator' }),
      bystander: await server.fixture('user', { partnershipId, party: 'labor', role: 'teacher' }),
      elsewhere: await server.fixture('user', { partnershipId: other.id, party: 'labor', role: 'teacher' }),
    };
    const { facilitator, laborChief, laborMember, mgmtChief, mgmtMember } = people;
    sessionId = (
      await server.fixture('ibbSession', {
        actorId: facilitator.id,
        partnershipId,
        input: {
          title: 'Successor agreement — año 2026',
          participants: [
            { userId: laborChief.id, role: 'chief_spokesperson' },
            { userId: laborMember.id, role: 'team_member' },
            { userId: mgmtChief.id, role: 'chief_spokesperson' },
            { userId: mgmtMember.id, role: 'team_member' },
          ],
        },
      })
    ).id;

    await server.fixture('ibbWrite', {
      sessionId,
      writes: [
        { kind: 'issue', id: issueId, title: 'How can we keep classes small?', raisedBy: 'joint' },
        { kind: 'interest', id: 'int-1', issueId, holder: 'mutual', kind2: 'substantive', text: 'Students get individual attention' },
        { kind: 'option', id: 'opt-party', issueId, text: 'Add an aide over the cap', postedAs: 'party', partyTag: 'labor' },
        { kind: 'option', id: 'opt-script', issueId, text: SCRIPT_OPTION, postedAs: 'anonymous', partyTag: null },
        { kind: 'option', id: 'opt-link', issueId, text: JS_LINK_OPTION, postedAs: 'anonymous', partyTag: 'management' },
        { kind: 'criterion', id: 'crit-1', issueId: null, text: 'Affordable within the budget' },
        { kind: 'singleText', issueId, text: TA_TEXT },
        { kind: 'actionItem', id: 'act-1', text: 'Bring enrollment projections', laborOwner: null, managementOwner: mgmtChief.id, due: '2026-12-01' },
        { kind: 'parkingLot', id: 'park-1', text: 'Prep time for specialists' },
        { kind: 'communique', text: 'The teams continue to work on class size.' },
      ],
    });
    // A named option comes from the person's own client: authorship is its clientID binding.
    const { client } = await connectAs(server.url, laborMember);
    const board = await openSynced(client, `ibb:${sessionId}`);
    addOption(board.doc, { id: 'opt-named', issueId, text: 'Cap K–3 at 24', postedAs: 'named', partyTag: null });
    // A modified client claiming the other party's tag for its own post.
    addOption(board.doc, { id: 'opt-forged', issueId, text: 'Management wants this', postedAs: 'party', partyTag: 'management' });
    await board.whenSaved();
    await client.close();

    for (const party of ['labor', 'management'] as const) await server.fixture('caucusWrite', { sessionId, party, text: `${secret} (${party} bottom line: 26)` });
    expect(await server.fixture('logLength', { docId: `caucus:${sessionId}:labor` })).toBeGreaterThan(1);

    const check = await server.fixture('ibbOpenCheck', { actorId: facilitator.id, sessionId, subject: `issues/${issueId}`, question: 'Can everyone live with the caps?' });
    await server.fixture('ibbAnswerCheck', { actorId: laborMember.id, checkId: check.id, value: 4 });
    await server.fixture('ibbAnswerCheck', { actorId: mgmtMember.id, checkId: check.id, value: 1, concern: 'Year-one cost' });
    await server.fixture('ibbRevealCheck', { actorId: facilitator.id, checkId: check.id });
    await server.fixture('ibbEvaluate', { actorId: laborMember.id, sessionId, optionId: 'opt-named', targetKind: 'criterion', targetId: 'crit-1', value: 5 });
    await server.fixture('ibbEvaluate', { actorId: mgmtMember.id, sessionId, optionId: 'opt-named', targetKind: 'criterion', targetId: 'crit-1', value: 2 });

    const ta = await server.fixture('taPropose', { actorId: facilitator.id, sessionId, subject: `issues/${issueId}`, title: 'Class size', text: TA_TEXT, isContingent: true });
    taHash = ta.textHash;
    await server.fixture('taInitial', { actorId: laborChief.id, taId: ta.id, textHash: taHash });
    expect(await server.fixture('taInitial', { actorId: mgmtChief.id, taId: ta.id, textHash: taHash })).toEqual({ isFrozen: true });
    const communique = await server.fixture('communiquePropose', { actorId: facilitator.id, sessionId, text: 'The teams reached a tentative agreement on class size.' });
    await server.fixture('communiqueApprove', { actorId: laborChief.id, communiqueId: communique.id, textHash: communique.textHash });

    // Any participant exports, at any time: here a labor team member, before the session ends.
    const http = new HttpClient(server.url);
    expect((await http.signIn(laborMember.email, laborMember.password)).ok).toBe(true);
    for (const format of FORMATS) {
      const res = await http.request(`/api/ibb/${sessionId}/export/${format}`);
      downloads.set(format, res);
      bodies.set(format, new Uint8Array(await res.arrayBuffer()));
    }
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  const text = (format: Format) => new TextDecoder().decode(bodies.get(format));

  it('serves every format with its content type and a file name', () => {
    const expected: Record<Format, RegExp> = {
      json: /^application\/json/,
      csv: /^text\/csv/,
      html: /^text\/html/,
      pdf: /^application\/pdf$/,
      docx: /^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document$/,
    };
    for (const format of FORMATS) {
      const res = downloads.get(format);
      expect(res?.status, format).toBe(200);
      expect(res?.headers.get('content-type'), format).toMatch(expected[format]);
      expect(res?.headers.get('content-disposition'), format).toMatch(new RegExp(`^(attachment|inline); filename="session-record-successor-agreement-ano-2026-\\d{4}-\\d{2}-\\d{2}\\.${format}"$`));
      expect(res?.headers.get('cache-control'), format).toBe('no-store');
    }
  });

  it('JSON holds the whole record: TA hash, initials by party and name, rounds by party, authorship only where it was named', () => {
    const record = JSON.parse(text('json'));
    const [ta] = record.agreements;
    expect(ta).toMatchObject({ title: 'Class size', text: canonicalTaText(TA_TEXT), textHash: taHash, isFrozen: true, isVerified: true, isContingent: true });
    expect(ta.initials.map((i: { party: string; name: string }) => [i.party, i.name]).sort()).toEqual([
      ['labor', people.laborChief.name],
      ['management', people.mgmtChief.name],
    ]);
    const byId = new Map(record.options.map((o: { id: string }) => [o.id, o]));
    expect(byId.get('opt-named')).toMatchObject({ postedAs: 'named', author: 'Ana Muñoz', partyTag: null });
    expect(byId.get('opt-party')).toMatchObject({ postedAs: 'party', author: null, partyTag: 'labor' });
    expect(byId.get('opt-link')).toMatchObject({ postedAs: 'anonymous', author: null, partyTag: null });
    // A tag a client wrote itself is not believed: the post counts as named, by its real author.
    expect(byId.get('opt-forged')).toMatchObject({ postedAs: 'named', author: 'Ana Muñoz', partyTag: null });
    const [round] = record.consensusRounds;
    expect(round.result.reached).toBe(false);
    expect(round.result.byParty.management).toMatchObject({ answered: 1, belowThreshold: 1, distribution: [{ value: 1, count: 1 }] });
    expect(round.concerns).toEqual([{ party: 'management', value: 1, concern: 'Year-one cost' }]);
    // Results are by party: nobody's id or name is attached to an answer.
    expect(JSON.stringify(round)).not.toContain(people.mgmtMember.id);
    expect(record.evaluations).toEqual([expect.objectContaining({ optionId: 'opt-named', labor: 5, management: 2, isDissent: true })]);
    expect(record.actionItems[0]).toMatchObject({ managementOwner: people.mgmtChief.name });
    expect(record.communiques[0]).toMatchObject({ approvedBy: ['labor'], publishedAt: null });
  });

  it('CSV is one flat table with a section column and the TA hash', () => {
    const csv = text('csv');
    const [header] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header?.startsWith('section,')).toBe(true);
    expect(csv).toContain(taHash);
    expect(csv).toMatch(/\r\nagreement_initial,[^\r\n]*,labor,/);
    expect(csv).toContain('"Article 12 — Class size\n12.1');
  });

  it('HTML escapes board content and renders no links from it', () => {
    const html = text('html');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; pay for aides');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<a[\s>]/i);
    expect(html).not.toMatch(/href=/i);
    expect(html).toContain('See javascript:alert(1) and https://example.org/plan?a=1&#38;b=2');
    expect(downloads.get('html')?.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain(taHash);
  });

  it('PDF opens and carries the TA text, with its accents', async () => {
    const bytes = bodies.get('pdf') ?? new Uint8Array();
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const pages = await pdfPages(bytes);
    const all = pages.join('\n');
    // The agreements open the record: the TA text is on the first page.
    expect((pages[0] ?? '').replace(/\s+/g, ' ')).toContain('No class in grades K–3 will exceed 24 niños per teacher.');
    expect(all).toContain('Article 12 — Class size');
    expect(all.replace(/\s+/g, ' ')).toContain('No class in grades K–3 will exceed 24 niños per teacher.');
    expect(all).toContain(taHash);
    expect(all).not.toContain(secret);
  });

  it('DOCX opens and carries the TA text', async () => {
    const zip = await JSZip.loadAsync(bodies.get('docx') ?? new Uint8Array());
    const xml = await zip.file('word/document.xml')?.async('string');
    expect(xml).toContain('12.1 No class in grades K–3 will exceed 24 niños per teacher.');
    expect(xml).toContain(taHash);
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    for (const name of Object.keys(zip.files)) {
      const part = await zip.file(name)?.async('string');
      expect(part ?? '', name).not.toContain(secret);
    }
  });

  it('no format carries caucus content', () => {
    for (const format of FORMATS) expect(text(format), format).not.toContain(secret);
    expect(text('json')).not.toContain('bottom line');
  });

  it('answers not found to people outside the session and to other partnerships', async () => {
    for (const who of [people.bystander, people.elsewhere]) {
      const http = new HttpClient(server.url);
      expect((await http.signIn(who.email, who.password)).ok).toBe(true);
      for (const format of FORMATS) {
        const res = await http.request(`/api/ibb/${sessionId}/export/${format}`);
        expect(res.status, `${who.name} ${format}`).toBe(404);
        expect(await res.json()).toMatchObject({ code: 'not_found' });
      }
      const missing = await http.request('/api/ibb/00000000-0000-4000-8000-000000000000/export/pdf');
      expect(missing.status).toBe(404);
    }
    const anonymous = await new HttpClient(server.url).request(`/api/ibb/${sessionId}/export/json`);
    expect(anonymous.status).toBe(401);
  });

  it('answers an unknown format with a bad request', async () => {
    const http = new HttpClient(server.url);
    await http.signIn(people.laborChief.email, people.laborChief.password);
    expect((await http.request(`/api/ibb/${sessionId}/export/exe`)).status).toBe(400);
  });
});
