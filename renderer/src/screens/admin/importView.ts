import type { CsvRowError } from '../../../../shared/appointments.js';

/** Reading the server's answer to a booking list: every fault with its line and column. */

export function csvErrors(details: unknown): CsvRowError[] {
  const list = (details as { errors?: unknown } | null | undefined)?.errors;
  if (!Array.isArray(list)) return [];
  return list
    .filter(
      (e): e is CsvRowError =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as CsvRowError).line === 'number' &&
        typeof (e as CsvRowError).message === 'string',
    )
    .map((e) => ({
      line: e.line,
      column: typeof e.column === 'string' ? e.column : null,
      message: e.message,
    }))
    .sort((a, b) => a.line - b.line);
}

/**
 * The server's messages (shared/appointments.ts, server/office/csv.ts) as catalogue keys under
 * `appointments.problem.`, so the coordinator reads them in Swedish; unknown ones are shown as sent.
 */
const KNOWN: readonly [RegExp, string][] = [
  [/^the file has no rows$/, 'noRows'],
  [/^the file is empty$/, 'empty'],
  [/^the file is not valid CSV here$/, 'notCsv'],
  [/^the header has no "(?<column>[a-z]+)" column$/, 'missingColumn'],
  [/^time must be HH:MM$/, 'time'],
  [/^reference must be/, 'reference'],
  [/^unknown language$/, 'language'],
  [/^the office does not offer this language$/, 'languageNotOffered'],
  [/^adults must be/, 'adults'],
  [/^children must be/, 'children'],
  [/^the same reference as line (?<line>\d+)$/, 'duplicate'],
];

export function problemKey(message: string): { key: string; values: Record<string, string> } | null {
  for (const [pattern, key] of KNOWN) {
    const m = pattern.exec(message);
    if (m) return { key, values: { ...m.groups } };
  }
  return null;
}

/** The server reads at most this much (the command's schema). */
export const MAX_CSV_CHARS = 200_000;

export interface LineProblems {
  readonly line: number;
  readonly problems: readonly { readonly column: string | null; readonly message: string }[];
}

/** Faults grouped by line, in file order: one row per line to mend. */
export function groupByLine(errors: readonly CsvRowError[]): LineProblems[] {
  const lines = new Map<number, { column: string | null; message: string }[]>();
  for (const e of errors) {
    const list = lines.get(e.line) ?? [];
    list.push({ column: e.column, message: e.message });
    lines.set(e.line, list);
  }
  return [...lines.entries()].sort(([a], [b]) => a - b).map(([line, problems]) => ({ line, problems }));
}

/** The text of a line of the file (1-based), to show beside its faults; empty if there is none. */
export function lineOf(text: string, line: number): string {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/)[line - 1] ?? '';
}
