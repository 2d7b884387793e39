import { and, count, eq, ilike, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import { containsPattern } from '../../lib/db/contains-pattern.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { pageRows, type PageOf, type Paging } from '../../lib/db/keyset-cursor.js';
import type { RoleKey } from './roles.js';
import { users } from './schema.js';
import { staffUserColumns, type StaffUser } from './staff-user.js';

export const staffSortKeys = ['name', 'email', 'role', 'createdAt', 'lastLoginAt'] as const;
export type StaffSortKey = (typeof staffSortKeys)[number];

export interface ListStaffUsersInput {
  search?: string | undefined;
  role?: RoleKey | undefined;
  status?: 'active' | 'disabled' | undefined;
  sort: StaffSortKey;
  direction: 'asc' | 'desc';
}

const sortColumns = {
  name: users.name,
  email: users.email,
  role: users.roleKey,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
};

/**
 * A page of staff users matching a search (name or email), role and status: by offset
 * ({page, pageSize}, with the total) or by cursor ({cursor, limit}, with the next cursor).
 */
export async function listStaffUsers<P extends Paging>(
  db: DbOrTx,
  input: ListStaffUsersInput & P,
): Promise<PageOf<StaffUser, P>> {
  const conditions: SQL[] = [];
  if (input.search) {
    const pattern = containsPattern(input.search);
    const match = or(ilike(users.name, pattern), ilike(users.email, pattern));
    if (match) conditions.push(match);
  }
  if (input.role) conditions.push(eq(users.roleKey, input.role));
  if (input.status === 'active') conditions.push(isNull(users.disabledAt));
  if (input.status === 'disabled') conditions.push(isNotNull(users.disabledAt));
  const where = conditions.length ? and(...conditions) : undefined;
  const { sort, direction } = input;
  return pageRows<StaffUser, P>(input, {
    keys: [
      { column: sortColumns[sort], direction },
      { column: users.id, direction },
    ],
    scope: {
      list: 'staff-users',
      sort,
      direction,
      search: input.search,
      role: input.role,
      status: input.status,
    },
    where,
    rows: async (q) => {
      const rows = await db
        .select({ row: staffUserColumns, keys: q.keys })
        .from(users)
        .where(q.where)
        .orderBy(...q.orderBy)
        .limit(q.limit)
        .offset(q.offset);
      return rows.map(({ row, keys }) => ({ row: { ...row, role: row.role as RoleKey }, keys }));
    },
    count: async (where) => (await db.select({ total: count() }).from(users).where(where))[0]?.total ?? 0,
  });
}
