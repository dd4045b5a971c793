import { stringify } from 'csv-stringify/browser/esm/sync';
import type { Cell, Table } from './statsTables.js';

/**
 * A table as a CSV file that opens right in a spreadsheet: Swedish Excel expects semicolons and
 * decimal commas, English commas and points; a byte-order mark tells it the file is UTF-8.
 */

export interface CsvOptions {
  readonly language: 'sv' | 'en';
  readonly header: readonly string[];
}

/**
 * Text a spreadsheet would run as a formula: station and desk names are free text from the
 * config, and `=HYPERLINK(…)` in one would act when a coordinator opens the file. The first
 * characters are OWASP's and ASVS's (NUL too); `=` and the like count after leading whitespace
 * as well, which some importers trim away.
 */
const FORMULA = /^[=+\-@\t\r\0]|^\s*[=+\-@]/;

/** A leading apostrophe makes such a cell plain text; numbers are written as numbers, so -3 stays one. */
export function textCell(text: string): string {
  return FORMULA.test(text) ? `'${text}` : text;
}

export function formatCell(cell: Cell, language: 'sv' | 'en'): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return language === 'sv' ? String(cell).replace('.', ',') : String(cell);
  return textCell(cell);
}

export function tableCsv(table: Table, options: CsvOptions): string {
  const records = [
    options.header.map(textCell),
    ...table.rows.map((row) => row.map((cell) => formatCell(cell, options.language))),
  ];
  return `\uFEFF${stringify(records, { delimiter: options.language === 'sv' ? ';' : ',', record_delimiter: 'windows' })}`;
}

/** `motesplats-stations-2026-11-01--2026-11-23.csv` */
export function csvFileName(table: string, range: { from: string; to: string }): string {
  return `motesplats-${table}-${range.from === range.to ? range.from : `${range.from}--${range.to}`}.csv`;
}
