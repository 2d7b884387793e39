import { createHash } from 'node:crypto';
import { and, asc, desc, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { validationError } from '../app-error.js';
import { isUuid } from '../ids.js';

/** Offset paging (the admin pages): page `page` (from 1) of `pageSize` rows, with the total count. */
export interface OffsetPaging {
  page: number;
  pageSize: number;
}

/** Keyset paging (the API): up to `limit` rows after the row `cursor` names (none: from the start). */
export interface CursorPaging {
  cursor?: string | undefined;
  limit: number;
}

export type Paging = OffsetPaging | CursorPaging;

export interface OffsetPage<Row> {
  rows: Row[];
  total: number;
}

export interface CursorPage<Row> {
  rows: Row[];
  /** Names the last row; null when there is nothing after it. */
  nextCursor: string | null;
}

/** The page a list answers in a paging mode. */
export type PageOf<Row, P extends Paging> = P extends CursorPaging ? CursorPage<Row> : OffsetPage<Row>;

/**
 * One column of a list's order. The last key must be unique (the id) so the order is total; a
 * column that can be null sorts its nulls last ascending and first descending (PostgreSQL's default).
 */
export interface SortKey {
  column: PgColumn;
  direction: 'asc' | 'desc';
}

/** A list query's parts; `rows` selects `keys` next to each row (the values its cursor is made of). */
export interface ListQuery {
  where: SQL | undefined;
  orderBy: SQL[];
  limit: number;
  offset: number;
  keys: SQL<(string | null)[]>;
}

export interface ListSpec<Row> {
  keys: SortKey[];
  /** What a cursor is made for (the list, its sort and its filters); it is refused for anything else. */
  scope: Record<string, unknown>;
  where: SQL | undefined;
  rows(query: ListQuery): Promise<{ row: Row; keys: (string | null)[] }[]>;
  count(where: SQL | undefined): Promise<number>;
}

interface KeyKind {
  /** The value as text that casts back to exactly the same value (timestamps keep microseconds). */
  text(column: PgColumn): SQL;
  cast: string;
  valid(value: string): boolean;
}

const timestampPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const int8 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

const keyKinds = {
  text: { text: (column) => sql`${column}`, cast: 'text', valid: (value) => !value.includes('\u0000') },
  timestamp: {
    text: (column) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    cast: 'timestamptz',
    // The pattern alone would let through 2025-02-30, which PostgreSQL refuses.
    valid: (value) =>
      timestampPattern.test(value) &&
      !value.startsWith('0000') &&
      new Date(Date.parse(`${value.slice(0, 23)}Z`) || 0).toISOString().slice(0, 23) === value.slice(0, 23),
  },
  uuid: { text: (column) => sql`${column}::text`, cast: 'uuid', valid: isUuid },
  integer: {
    text: (column) => sql`${column}::text`,
    cast: 'bigint',
    valid: (value) => /^-?\d{1,19}$/.test(value) && BigInt(value) >= int8.min && BigInt(value) <= int8.max,
  },
} satisfies Record<string, KeyKind>;

function kindOf(column: PgColumn): KeyKind {
  const type = column.getSQLType();
  if (type === 'text' || type.startsWith('varchar')) return keyKinds.text;
  if (/^timestamp.* with time zone$/.test(type)) return keyKinds.timestamp;
  if (type === 'uuid') return keyKinds.uuid;
  if (['bigserial', 'bigint', 'serial', 'integer'].includes(type)) return keyKinds.integer;
  throw new Error(`Column ${column.name} (${type}) cannot be a keyset sort key`);
}

function orderByKeys(keys: SortKey[]): SQL[] {
  return keys.map(({ column, direction }) => {
    if (column.notNull) return direction === 'asc' ? asc(column) : desc(column);
    return direction === 'asc' ? sql`${column} asc nulls last` : sql`${column} desc nulls first`;
  });
}

/** Rows strictly after the row whose key values are `values`, in the order of `keys`. */
function afterKeys(keys: SortKey[], values: (string | null)[]): SQL {
  const param = (index: number) =>
    sql`cast(${values[index]} as ${sql.raw(kindOf(keys[index]!.column).cast)})`;
  const direction = keys[0]?.direction;
  if (keys.every((key) => key.column.notNull && key.direction === direction)) {
    // (a, b) > (x, y): one comparison an index on (a, b) can answer.
    const columns = sql.join(
      keys.map((key) => sql`${key.column}`),
      sql`, `,
    );
    const params = sql.join(
      keys.map((_, index) => param(index)),
      sql`, `,
    );
    return direction === 'asc' ? sql`(${columns}) > (${params})` : sql`(${columns}) < (${params})`;
  }
  // Otherwise spelled out: a > x, or a = x and b > y, … with nulls last ascending, first descending.
  const alternatives: SQL[] = [];
  const equalSoFar: SQL[] = [];
  keys.forEach(({ column, direction }, index) => {
    const value = values[index] ?? null;
    let beyond: SQL | undefined;
    if (direction === 'asc') {
      if (value !== null)
        beyond = column.notNull
          ? sql`${column} > ${param(index)}`
          : sql`(${column} > ${param(index)} or ${column} is null)`;
    } else {
      beyond = value === null ? sql`${column} is not null` : sql`${column} < ${param(index)}`;
    }
    if (beyond) alternatives.push(and(...equalSoFar, beyond) ?? beyond);
    equalSoFar.push(value === null ? sql`${column} is null` : sql`${column} = ${param(index)}`);
  });
  return or(...alternatives) ?? sql`false`;
}

function scopeOf(scope: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(scope)).digest('base64url').slice(0, 16);
}

const cursorPayload = z.object({ s: z.string(), k: z.array(z.string().nullable()) });

/** An opaque cursor: base64url JSON of the scope's hash and the row's sort key values. */
export function encodeCursor(scope: string, values: (string | null)[]): string {
  return Buffer.from(JSON.stringify({ s: scope, k: values })).toString('base64url');
}

/** The sort key values a cursor names; a validation error (field `cursor`) when it cannot be used. */
export function decodeCursor(cursor: string, scope: string, keys: SortKey[]): (string | null)[] {
  let payload: z.infer<typeof cursorPayload> | undefined;
  if (/^[A-Za-z0-9_-]+$/.test(cursor)) {
    try {
      payload = cursorPayload.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    } catch {
      payload = undefined;
    }
  }
  const garbage = () =>
    validationError(
      { cursor: 'is not a cursor of this list: pass the nextCursor of the previous page unchanged' },
      'This cursor cannot be used.',
    );
  if (!payload) throw garbage();
  if (payload.s !== scope)
    throw validationError(
      {
        cursor:
          'was made for another sort or other filters: send the same ones again, or start over without a cursor',
      },
      'This cursor cannot be used.',
    );
  const values = payload.k;
  const fits = (key: SortKey, value: string | null | undefined) =>
    value === null ? !key.column.notNull : value !== undefined && kindOf(key.column).valid(value);
  if (values.length !== keys.length || keys.some((key, index) => !fits(key, values[index]))) throw garbage();
  return values;
}

function isCursorPaging(paging: Paging): paging is CursorPaging {
  return 'limit' in paging;
}

/**
 * One page of a list, by offset (with the total) or by keyset (with the next cursor). Keyset pages
 * neither skip nor repeat rows while rows are added, because a cursor names a position in the
 * order, not a count of rows.
 */
export async function pageRows<Row, P extends Paging>(
  paging: P,
  spec: ListSpec<Row>,
): Promise<PageOf<Row, P>> {
  const orderBy = orderByKeys(spec.keys);
  const keys = sql<(string | null)[]>`json_build_array(${sql.join(
    spec.keys.map(({ column }) => kindOf(column).text(column)),
    sql`, `,
  )})`;
  if (!isCursorPaging(paging)) {
    const offset = (paging.page - 1) * paging.pageSize;
    const [rows, total] = await Promise.all([
      spec.rows({ where: spec.where, orderBy, limit: paging.pageSize, offset, keys }),
      spec.count(spec.where),
    ]);
    const page: OffsetPage<Row> = { rows: rows.map(({ row }) => row), total };
    return page as PageOf<Row, P>;
  }
  const scope = scopeOf(spec.scope);
  const after =
    paging.cursor === undefined
      ? undefined
      : afterKeys(spec.keys, decodeCursor(paging.cursor, scope, spec.keys));
  // One row more than asked says whether there is a next page.
  const rows = await spec.rows({
    where: and(spec.where, after),
    orderBy,
    limit: paging.limit + 1,
    offset: 0,
    keys,
  });
  const shown = rows.slice(0, paging.limit);
  const last = shown.at(-1);
  const page: CursorPage<Row> = {
    rows: shown.map(({ row }) => row),
    nextCursor: rows.length > paging.limit && last ? encodeCursor(scope, last.keys) : null,
  };
  return page as PageOf<Row, P>;
}
