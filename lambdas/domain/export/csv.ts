/**
 * One CSV per system and record kind, written as a stream of chunks (RFC 4180):
 *
 * - UTF-8 with a byte order mark, so spreadsheets show æ, ø and å; lines end in CRLF.
 * - The first row is the header: the declared columns, or else every key the records use, in the order
 *   they first appear (found in a first pass over the records, which keeps only the key names).
 * - A cell is quoted when it contains a comma, a semicolon, a tab, a double quote, CR or LF; quotes inside
 *   are doubled. The semicolon and the tab too, because a Norwegian Excel splits a file at semicolons.
 * - null and missing values are empty cells; booleans are `true`/`false`; numbers are written as
 *   JavaScript prints them (non-finite numbers, which JSON cannot carry either, are empty).
 * - Formula injection: a text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets
 *   an apostrophe in front (`'=SUM(A1)`), so a spreadsheet shows it as text instead of evaluating it
 *   (OWASP "CSV Injection"). So does a cell where a comma, semicolon or tab is followed by one of those
 *   (`;=1+1`): a program that splits at that delimiter and ignores the quotes would start a cell there.
 *   Numbers and booleans are never prefixed: they cannot hold a formula.
 *   data.json carries every value unchanged.
 */
import type { CollectedRecord } from '../connectors/connector';

export const CSV_BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]|[,;\t][=+\-@]/;
const NEEDS_QUOTES = /[",;\t\r\n]/;
const CHUNK_SIZE = 64 * 1024;

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** A header cell gets the same treatment: key names come from the systems, not from us. */
export function csvRow(cells: readonly CsvValue[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** Every key the records use, in the order they first appear. */
export async function csvColumns(records: AsyncIterable<CollectedRecord>): Promise<string[]> {
  const columns = new Set<string>();
  for await (const record of records) {
    for (const key of Object.keys(record)) columns.add(key);
  }
  return [...columns];
}

export class UndeclaredColumnError extends Error {
  override readonly name = 'UndeclaredColumnError';
}

/**
 * The CSV text in chunks of about 64 KiB. With declared `columns`, a record with a key outside them is
 * an error rather than a silently dropped value.
 */
export async function* csvChunks(
  records: () => AsyncIterable<CollectedRecord>,
  columns?: readonly string[],
): AsyncGenerator<string> {
  const header = columns ?? (await csvColumns(records()));
  const known = new Set(header);
  let chunk = CSV_BOM + csvRow(header);
  for await (const record of records()) {
    if (columns !== undefined) {
      for (const key of Object.keys(record)) {
        if (!known.has(key))
          throw new UndeclaredColumnError(`Column "${key}" is not among the declared columns`);
      }
    }
    chunk += csvRow(header.map((column) => (Object.hasOwn(record, column) ? record[column] : undefined)));
    if (chunk.length >= CHUNK_SIZE) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}
