import { AppointmentInputSchema, type AppointmentInput } from './commands.js';
import { VISITOR_LANGUAGES, type VisitorLanguage } from './languages.js';
import { normalizeBookingRef } from './visit.js';

/** A CSV record as read at the edge: its line in the file and its cells by header. */
export interface CsvRecord {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

export interface CsvRowError {
  readonly line: number;
  /** The column at fault, by its canonical name, or null for the whole row. */
  readonly column: string | null;
  readonly message: string;
}

/** The booking list's columns; headers may be Swedish or English, in any case. */
export const APPOINTMENT_COLUMNS = ['time', 'reference', 'language', 'adults', 'children'] as const;
type Column = (typeof APPOINTMENT_COLUMNS)[number];

const HEADER_ALIASES: Record<string, Column> = {
  time: 'time',
  tid: 'time',
  klockslag: 'time',
  reference: 'reference',
  ref: 'reference',
  referens: 'reference',
  bokningsnummer: 'reference',
  language: 'language',
  språk: 'language',
  adults: 'adults',
  vuxna: 'adults',
  children: 'children',
  barn: 'children',
};

/** Canonical column for a header cell, or undefined for a column we do not read. */
export function appointmentColumn(header: string): Column | undefined {
  return HEADER_ALIASES[header.trim().toLowerCase()];
}

/** Booking lists name languages in Swedish or English as often as by code. */
const LANGUAGE_NAMES: Record<string, VisitorLanguage> = {
  svenska: 'sv',
  swedish: 'sv',
  engelska: 'en',
  english: 'en',
  arabiska: 'ar',
  arabic: 'ar',
  persiska: 'fa',
  farsi: 'fa',
  persian: 'fa',
  dari: 'prs',
  tigrinja: 'ti',
  tigrinya: 'ti',
  somaliska: 'so',
  somali: 'so',
  ukrainska: 'uk',
  ukrainian: 'uk',
};

export function parseLanguage(cell: string): VisitorLanguage | undefined {
  const value = cell.trim().toLowerCase();
  if ((VISITOR_LANGUAGES as readonly string[]).includes(value)) return value as VisitorLanguage;
  return LANGUAGE_NAMES[value];
}

function parseCount(cell: string | undefined): number | undefined {
  const value = cell?.trim() ?? '';
  return /^\d{1,2}$/.test(value) ? Number(value) : undefined;
}

/** "9:05", "09:05" and "09.05" all mean five past nine. */
function parseTime(cell: string | undefined): string | undefined {
  const m = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(cell?.trim() ?? '');
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : undefined;
}

export type CheckedRows =
  | { readonly ok: true; readonly rows: readonly AppointmentInput[] }
  | { readonly ok: false; readonly errors: readonly CsvRowError[] };

/**
 * Checks every row of a booking list and names every fault by line and column, so that the
 * coordinator can mend the file in one go. Messages never repeat the cells' content.
 */
export function checkAppointmentRows(records: readonly CsvRecord[], offered: readonly string[]): CheckedRows {
  const errors: CsvRowError[] = [];
  const rows: AppointmentInput[] = [];
  const seen = new Map<string, number>();
  if (records.length === 0)
    return { ok: false, errors: [{ line: 1, column: null, message: 'the file has no rows' }] };
  for (const { line, cells } of records) {
    const before = errors.length;
    const fault = (column: Column, message: string) => errors.push({ line, column, message });
    const time = parseTime(cells.time);
    if (!time) fault('time', 'time must be HH:MM');
    const reference = cells.reference?.trim() ?? '';
    if (!AppointmentInputSchema.shape.ref.safeParse(reference).success)
      fault('reference', 'reference must be 4–20 letters, digits, spaces or dashes');
    const language = parseLanguage(cells.language ?? '');
    if (!language) fault('language', 'unknown language');
    else if (!offered.includes(language)) fault('language', 'the office does not offer this language');
    const adults = parseCount(cells.adults);
    if (adults === undefined || adults < 1 || adults > 20)
      fault('adults', 'adults must be a number from 1 to 20');
    const children = parseCount(cells.children);
    if (children === undefined || children > 20) fault('children', 'children must be a number from 0 to 20');
    if (errors.length > before) continue;
    const key = normalizeBookingRef(reference);
    const first = seen.get(key);
    if (first !== undefined) {
      fault('reference', `the same reference as line ${first}`);
      continue;
    }
    seen.set(key, line);
    rows.push({ time: time!, ref: reference, language: language!, adults: adults!, children: children! });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
