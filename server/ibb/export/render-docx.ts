import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { FileChild } from 'docx';
import type { RecordBlock, RecordDocument } from './record-blocks';
import { columnWeights } from './record-blocks';

/** Text width of a default Word page (Letter, 1-inch margins), in twentieths of a point. */
const PAGE_TEXT_WIDTH = 9360;
const HEADING = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** Characters XML 1.0 cannot carry (control codes, lone surrogates) would make the file unreadable. */
function xmlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** Word keeps line breaks as breaks inside one paragraph, so verbatim text stays verbatim. */
function runs(text: string, style: { bold?: boolean; italics?: boolean; font?: string } = {}): TextRun[] {
  return xmlSafe(text).split(/\r?\n/).map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...style }));
}

function cell(text: string, isHeader: boolean): TableCell {
  return new TableCell({ children: [new Paragraph({ children: runs(text, { bold: isHeader }) })], shading: isHeader ? { fill: 'EEEEEE' } : undefined });
}

function toChildren(b: RecordBlock): FileChild[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ heading: HEADING[b.level], children: runs(b.text) })];
    case 'paragraph':
      return [new Paragraph({ children: runs(b.text, { bold: b.tone === 'strong', italics: b.tone === 'muted' }) })];
    case 'fields':
      return b.fields.map((f) => new Paragraph({ children: [new TextRun({ text: `${f.label}: `, bold: true }), ...runs(f.value, f.isMono ? { font: 'Courier New' } : {})] }));
    case 'table': {
      const weights = columnWeights(b.columns, b.rows);
      const total = weights.reduce((a, w) => a + w, 0);
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          columnWidths: weights.map((w) => Math.round((w / total) * PAGE_TEXT_WIDTH)),
          rows: [new TableRow({ tableHeader: true, children: b.columns.map((c) => cell(c, true)) }), ...b.rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) }))],
        }),
        new Paragraph({ children: [] }),
      ];
    }
    case 'verbatim':
      return [new Paragraph({ indent: { left: 360 }, children: runs(b.text) })];
  }
}

export async function renderDocx(record: RecordDocument): Promise<Buffer> {
  const doc = new Document({
    title: record.title,
    creator: 'Accord',
    styles: { default: { document: { run: { font: 'Calibri', size: 21 } } } },
    sections: [{ children: record.blocks.flatMap(toChildren) }],
  });
  return Packer.toBuffer(doc);
}
