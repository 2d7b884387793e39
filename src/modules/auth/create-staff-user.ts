import type { Actor } from '../audit/index.js';
import type { AuthContext } from './context.js';
import { insertUser } from './create-user.js';
import { isRoleKey, type RoleKey } from './roles.js';
import { assertCanManageStaff } from './staff-permissions.js';
import type { StaffUser } from './staff-user.js';
import type { CreateUserInput } from './create-user.js';

/** An admin (or the CLI) adds a staff account with a role. */
export async function createStaffUser(
  ctx: AuthContext,
  input: CreateUserInput,
  actor: Actor & { role: RoleKey | 'cli' },
): Promise<StaffUser> {
  if (typeof input.role === 'string' && isRoleKey(input.role)) assertCanManageStaff(actor.role, input.role);
  return ctx.db.transaction((tx) => insertUser(tx, input, actor, ctx.clock.now()));
}
