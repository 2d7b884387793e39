import { sql, type SQL } from 'drizzle-orm';

/** A row as JSON carries it: bigint amounts as strings, dates as ISO strings (Date's toJSON). */
export type JsonRow = Record<string, string | number | boolean | null | Date | object>;

/**
 * Many rows as one `json` parameter, for `json_populate_recordset` / `json_to_recordset` to turn
 * back into rows. For batches of thousands this is far cheaper than an array parameter per column:
 * JSON.stringify is native, where array literals are escaped element by element in JavaScript, and
 * the server parses the text once.
 */
export function jsonRows(rows: readonly JsonRow[]): SQL {
  return sql`${sql.param(JSON.stringify(rows))}::json`;
}
