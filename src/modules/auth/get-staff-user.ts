import { eq } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { isUuid } from '../../lib/ids.js';
import type { RoleKey } from './roles.js';
import { users } from './schema.js';
import { staffUserColumns, type StaffUser } from './staff-user.js';

/** One staff user by id; not_found when there is none. `forUpdate` locks the row for a change. */
export async function getStaffUser(db: DbOrTx, id: string, forUpdate = false): Promise<StaffUser> {
  if (!isUuid(id)) throw new AppError('not_found', 'No such staff user.');
  const query = db.select(staffUserColumns).from(users).where(eq(users.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'No such staff user.');
  return { ...row, role: row.role as RoleKey };
}
