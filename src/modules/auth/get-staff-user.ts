import { eq } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import type { RoleKey } from './roles.js';
import { users } from './schema.js';
import { staffUserColumns, type StaffUser } from './staff-user.js';

/** One staff user by id; not_found when there is none. `forUpdate` locks the row for a change. */
export async function getStaffUser(db: DbOrTx, id: string, forUpdate = false): Promise<StaffUser> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  const query = db
    .select(staffUserColumns)
    .from(users)
    .where(eq(users.id, isUuid ? id : '00000000-0000-0000-0000-000000000000'));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'No such staff user.');
  return { ...row, role: row.role as RoleKey };
}
