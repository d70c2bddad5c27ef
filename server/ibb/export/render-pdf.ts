import PDFDocument from 'pdfkit';
import type { RecordBlock, RecordDocument } from './record-blocks';
import { columnWeights } from './record-blocks';

/**
 * PDF with the standard Helvetica and Courier fonts (no font files to ship). They encode
 * WinAnsi: Latin-1 accents (á, ñ, ü…) and typographic punctuation. Anything else is
 * reduced to its base letter where one exists (ő → o) or shown as "?", never as garbage.
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function isWinAnsi(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch);
}

export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, '    ')) {
    if (isWinAnsi(ch)) out += ch;
    else {
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base !== '' && [...base].every(isWinAnsi) ? base : '?';
    }
  }
  return out;
}

const FONT = { body: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', mono: 'Courier' } as const;
const HEADING_SIZE = { 1: 18, 2: 14, 3: 12 } as const;
/** Room (points) a heading needs below it for at least a line or two of what it introduces. */
const KEEP_WITH_NEXT = 90;

function draw(doc: PDFKit.PDFDocument, b: RecordBlock): void {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const x = doc.page.margins.left;
  switch (b.kind) {
    case 'heading':
      // A heading never sits alone at the foot of a page.
      if (doc.y > doc.page.height - doc.page.margins.bottom - KEEP_WITH_NEXT) doc.addPage();
      else doc.moveDown(b.level === 1 ? 0 : 0.8);
      doc.font(FONT.bold).fontSize(HEADING_SIZE[b.level]).text(toWinAnsi(b.text), x, undefined, { width });
      doc.moveDown(0.3);
      return;
    case 'paragraph':
      doc.font(b.tone === 'strong' ? FONT.bold : b.tone === 'muted' ? FONT.italic : FONT.body).fontSize(10).text(toWinAnsi(b.text), x, undefined, { width });
      doc.moveDown(0.4);
      return;
    case 'fields':
      for (const f of b.fields) {
        doc.font(FONT.bold).fontSize(10).text(`${toWinAnsi(f.label)}: `, x, undefined, { width, continued: true });
        doc.font(f.isMono ? FONT.mono : FONT.body).text(toWinAnsi(f.value));
      }
      doc.moveDown(0.4);
      return;
    case 'table':
      doc.font(FONT.body).fontSize(9);
      const weights = columnWeights(b.columns, b.rows);
      const total = weights.reduce((a, w) => a + w, 0);
      doc.table({
        position: { x },
        maxWidth: width,
        columnStyles: weights.map((w) => (w / total) * width),
        defaultStyle: { border: 0.5, borderColor: '#888888', padding: 3 },
        data: [b.columns.map((c) => ({ text: toWinAnsi(c), font: { src: FONT.bold }, backgroundColor: '#eeeeee', type: 'TH' as const })), ...b.rows.map((r) => r.map((cell) => toWinAnsi(cell)))],
      });
      doc.moveDown(0.6);
      return;
    case 'verbatim':
      doc.font(FONT.body).fontSize(10).text(toWinAnsi(b.text), x + 10, undefined, { width: width - 10 });
      doc.moveDown(0.5);
      return;
  }
}

export async function renderPdf(record: RecordDocument, labels: { page: (n: number, of: number) => string }): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, bufferPages: true, info: { Title: toWinAnsi(record.title), Creator: 'Accord' }, lang: record.lang });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  for (const b of record.blocks) draw(doc, b);
  // Page numbers go on last, once the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(FONT.body).fontSize(8).fillColor('#555555').text(toWinAnsi(labels.page(i + 1, range.count)), doc.page.margins.left, doc.page.height - 35, { width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'center' });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
