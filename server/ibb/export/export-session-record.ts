import { gatherSessionRecord } from './gather-session-record';
import { layoutSessionRecord } from './layout-session-record';
import type { Translate } from './record-blocks';
import { renderCsv } from './render-csv';
import { renderDocx } from './render-docx';
import { HTML_EXPORT_CSP, renderHtml } from './render-html';
import { renderPdf } from './render-pdf';
import { fileStem } from '../../../domain/text/file-stem';

export const EXPORT_FORMATS = ['json', 'csv', 'html', 'pdf', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedFile {
  body: string | Uint8Array<ArrayBuffer>;
  contentType: string;
  filename: string;
  /** HTML opens in the browser for printing; every other format downloads. */
  isInline: boolean;
  headers: Record<string, string>;
}

const CONTENT_TYPE: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

function sessionFileStem(title: string, at: string): string {
  return `session-record-${fileStem(title, 'ibb')}-${at.slice(0, 10)}`;
}

/**
 * The session record in one format, for a participant (any participant, at any time).
 * Labels come from the caller's language; the JSON and CSV carry stored codes only.
 */
export async function exportSessionRecord(actorId: string, sessionId: string, format: ExportFormat, labels: { t: Translate; lang: string }): Promise<ExportedFile> {
  const record = await gatherSessionRecord(actorId, sessionId);
  const filename = `${sessionFileStem(record.session.title, record.generatedAt)}.${format}`;
  const base = { contentType: CONTENT_TYPE[format], filename, isInline: format === 'html', headers: {} };
  switch (format) {
    case 'json':
      return { ...base, body: `${JSON.stringify(record, null, 2)}\n` };
    case 'csv':
      return { ...base, body: renderCsv(record) };
    case 'html':
      return { ...base, body: renderHtml(layoutSessionRecord(record, labels)), headers: { 'Content-Security-Policy': HTML_EXPORT_CSP } };
    case 'pdf':
      return { ...base, body: new Uint8Array(await renderPdf(layoutSessionRecord(record, labels), { page: (n, of) => labels.t('export.page', { n, of }) })) };
    case 'docx':
      return { ...base, body: new Uint8Array(await renderDocx(layoutSessionRecord(record, labels))) };
  }
}
