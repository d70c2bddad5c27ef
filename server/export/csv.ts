import type { Options } from 'csv-stringify/sync';
import { stringify } from 'csv-stringify/sync';

/**
 * CSV as spreadsheets read it, for every export, written by csv-stringify (node-csv):
 * RFC 4180 quoting, UTF-8 with a byte-order mark (so accents read right), CRLF line ends.
 * Cells a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a leading
 * apostrophe: text typed on a board must stay text. Line breaks and edge spaces are
 * quoted too, so a note's second line never becomes a row of its own.
 */
export type CsvValue = string | number | boolean | null | undefined;

const OPTIONS: Options = {
  escape_formulas: true,
  quoted_match: [/[\r\n]/, /^\s|\s$/],
  record_delimiter: 'windows',
  cast: { boolean: (v) => String(v) },
};

/** One cell as it appears in a line. */
export function csvCell(v: CsvValue): string {
  return stringify([[v ?? null]], OPTIONS).slice(0, -2);
}

/** A header line of `columns`, then one line per row (cells a row lacks are empty). */
export function csvDocument<C extends string>(columns: readonly C[], rows: readonly Partial<Record<C, CsvValue>>[]): string {
  return stringify([columns, ...rows.map((row) => columns.map((c) => row[c] ?? null))], { ...OPTIONS, bom: true });
}
