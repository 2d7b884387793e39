import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * `column = ANY($1::type[])`: a whole list as one array parameter. For the bill run's batches of
 * thousands this keeps a statement to one parameter, where IN (…) would bind, plan and log one per
 * value.
 */
export function anyOf(column: PgColumn, values: readonly (string | bigint)[], type: 'uuid' | 'bigint'): SQL {
  const array = sql.param(values.map((value) => value.toString()));
  return type === 'uuid' ? sql`${column} = ANY(${array}::uuid[])` : sql`${column} = ANY(${array}::bigint[])`;
}
