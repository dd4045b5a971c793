import { parse } from 'csv-parse/sync';
import {
  APPOINTMENT_COLUMNS,
  appointmentColumn,
  type CsvRecord,
  type CsvRowError,
} from '../../shared/appointments.js';

/**
 * Reads a booking list. Excel in Sweden writes semicolons, other tools commas, and either may
 * put a byte-order mark first; the header row names the columns (Swedish or English).
 */
export function readAppointmentCsv(text: string): { records: CsvRecord[] } | { errors: CsvRowError[] } {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      bom: true,
      delimiter: [';', ',', '\t'],
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { errors: [{ line, column: null, message: 'the file is not valid CSV here' }] };
  }
  const [header, ...body] = rows;
  if (!header) return { errors: [{ line: 1, column: null, message: 'the file is empty' }] };
  const columns = header.record.map(appointmentColumn);
  const missing = APPOINTMENT_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0)
    return {
      errors: missing.map((column) => ({
        line: header.info.lines,
        column,
        message: `the header has no "${column}" column`,
      })),
    };
  return {
    records: body.map(({ record, info }) => {
      const cells: Record<string, string> = {};
      columns.forEach((column, i) => {
        if (column) cells[column] = record[i] ?? '';
      });
      return { line: info.lines, cells };
    }),
  };
}
