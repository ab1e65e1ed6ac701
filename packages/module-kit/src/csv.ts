import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null | undefined;

/** A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first). */
const FORMULA = /^[=+\-@\t\r]/;

/**
 * RFC 4180 CSV (csv-stringify): a header line, then one line per row, CRLF after every line. Text cells
 * that start like a formula get a leading `'` so a spreadsheet shows them instead of running them
 * (numbers stay numbers).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const safe = (cell: CsvCell) => (typeof cell === 'string' && FORMULA.test(cell) ? `'${cell}` : (cell ?? ''));
  return stringify([header.map(safe), ...rows.map((row) => row.map(safe))], { record_delimiter: 'windows' });
}

/** Sends CSV as a download: `text/csv; charset=utf-8` and `Content-Disposition: attachment; filename=…`. */
export function sendCsv(res: Response, filename: string, csv: string): void {
  res.attachment(filename.replace(/[^A-Za-z0-9._-]/g, '_'));
  res.type('text/csv; charset=utf-8');
  res.send(csv);
}
