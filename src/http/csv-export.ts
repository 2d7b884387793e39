import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { CursorPage } from '../lib/db/keyset-cursor.js';

/** RFC 4180: a field with a comma, quote or line break is quoted, and quotes inside are doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const csvRow = (fields: string[]) => `${fields.map(csvField).join(',')}\r\n`;

// Rows read per query: an export of any size holds one page in memory at a time.
const exportPageSize = 500;

/** A list exported as CSV: its columns, how to read it page by page and how a page's rows print. */
export interface CsvExport<Row> {
  /** The file's name before the day, e.g. "invoices" for invoices-2027-03-11.csv. */
  name: string;
  columns: string[];
  /** The page after `cursor` (from the start without one), in the list's own order. */
  page(cursor: string | undefined, limit: number): Promise<CursorPage<Row>>;
  /** The fields of each row of a page; given the whole page so lookups happen once per page. */
  fields(rows: Row[]): Promise<string[][]>;
}

async function* csvLines<Row>(spec: CsvExport<Row>): AsyncGenerator<string> {
  yield csvRow(spec.columns);
  let cursor: string | undefined;
  do {
    const page = await spec.page(cursor, exportPageSize);
    yield (await spec.fields(page.rows)).map(csvRow).join('');
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/**
 * Streams a list as a CSV download, a page at a time by cursor so rows added meanwhile neither
 * repeat nor go missing. `today` dates the file name.
 */
export function sendCsv<Row>(reply: FastifyReply, today: Date, spec: CsvExport<Row>) {
  const day = today.toISOString().slice(0, 10);
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${spec.name}-${day}.csv"`)
    .header('cache-control', 'private, no-store')
    .send(Readable.from(csvLines(spec)));
}
