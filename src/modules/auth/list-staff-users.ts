import { and, asc, count, desc, eq, ilike, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import { containsPattern } from '../../lib/db/contains-pattern.js';
import type { DbOrTx } from '../../lib/db/database.js';
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
  page: number;
  pageSize: number;
}

const sortColumns = {
  name: users.name,
  email: users.email,
  role: users.roleKey,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
};

/** A page of staff users matching a search (name or email), role and status. */
export async function listStaffUsers(
  db: DbOrTx,
  input: ListStaffUsersInput,
): Promise<{ rows: StaffUser[]; total: number }> {
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
  const column = sortColumns[input.sort];
  const [rows, totals] = await Promise.all([
    db
      .select(staffUserColumns)
      .from(users)
      .where(where)
      .orderBy(input.direction === 'asc' ? asc(column) : desc(column), asc(users.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { rows: rows.map((row) => ({ ...row, role: row.role as RoleKey })), total: totals[0]?.total ?? 0 };
}
