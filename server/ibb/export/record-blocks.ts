/**
 * A session record laid out once as plain blocks (headings, fields, tables, verbatim
 * text), so the HTML, PDF and DOCX renderers only decide how each block looks — never
 * what the record says. Every string here is plain text; each renderer escapes for its
 * own format.
 */
export type RecordBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; tone?: 'muted' | 'strong' }
  | { kind: 'fields'; fields: RecordField[] }
  | { kind: 'table'; columns: string[]; rows: string[][] }
  /** Text whose line breaks matter (agreement text, single texts, communiqués). */
  | { kind: 'verbatim'; text: string };

export interface RecordField {
  label: string;
  value: string;
  /** Hashes and ids: shown in a fixed-width font so they can be compared by eye. */
  isMono?: boolean;
}

export interface RecordDocument {
  title: string;
  /** BCP 47 language of the labels, e.g. `en`. */
  lang: string;
  blocks: RecordBlock[];
}

/** Looks up a label in the `ibbRecords` messages (next-intl's translator fits this shape). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * Relative column widths for formats that do not size tables themselves (PDF, DOCX):
 * by the longest line in each column, within bounds so short columns stay readable and
 * long text does not squeeze the rest.
 */
export function columnWeights(columns: string[], rows: string[][]): number[] {
  return columns.map((header, i) => {
    const longest = Math.max(header.length, ...rows.map((r) => Math.max(0, ...(r[i] ?? '').split('\n').map((line) => line.length))));
    return Math.min(Math.max(longest, 10), 40);
  });
}
