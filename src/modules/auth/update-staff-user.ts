import { and, count, eq, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../lib/app-error.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { AuthContext } from './context.js';
import { getStaffUser } from './get-staff-user.js';
import type { RoleKey } from './roles.js';
import { users } from './schema.js';
import { endUserSessions } from './sessions.js';
import { assertCanManageStaff } from './staff-permissions.js';
import { auditSnapshot, type StaffUser } from './staff-user.js';
import { nameField, roleField } from './user-fields.js';

const updateStaffUserInput = z.object({
  name: nameField.optional(),
  role: roleField.optional(),
  disabled: z.boolean({ error: 'must be true or false' }).optional(),
});

export type UpdateStaffUserInput = z.input<typeof updateStaffUserInput>;

/**
 * Changes a staff user's name, role or disabled flag. Disabling ends their sessions at once.
 * The last active owner can be neither demoted nor disabled, so Tollgate always has one.
 */
export async function updateStaffUser(
  ctx: AuthContext,
  id: string,
  input: UpdateStaffUserInput,
  actor: Actor & { role: RoleKey | 'cli' },
): Promise<StaffUser> {
  const data = parseInput(updateStaffUserInput, input);
  const now = ctx.clock.now();
  const updated = await ctx.db.transaction(async (tx) => {
    const before = await getStaffUser(tx, id, true);
    assertCanManageStaff(actor.role, before.role);
    if (data.role) assertCanManageStaff(actor.role, data.role);
    if (actor.userId === id && (data.disabled || (data.role && data.role !== before.role))) {
      throw new AppError('forbidden', 'You cannot disable yourself or change your own role.');
    }
    const losesOwner =
      before.role === 'owner' &&
      !before.disabledAt &&
      (data.disabled === true || (data.role && data.role !== 'owner'));
    if (losesOwner) {
      const [others] = await tx
        .select({ total: count() })
        .from(users)
        .where(and(eq(users.roleKey, 'owner'), isNull(users.disabledAt), ne(users.id, id)));
      if ((others?.total ?? 0) === 0)
        throw new AppError('conflict', 'Tollgate must keep at least one active owner.');
    }
    const disabledAt =
      data.disabled === undefined ? before.disabledAt : data.disabled ? (before.disabledAt ?? now) : null;
    await tx
      .update(users)
      .set({ name: data.name ?? before.name, roleKey: data.role ?? before.role, disabledAt, updatedAt: now })
      .where(eq(users.id, id));
    if (disabledAt && !before.disabledAt) await endUserSessions(tx, id);
    const after = await getStaffUser(tx, id);
    const action =
      disabledAt && !before.disabledAt
        ? 'user.disabled'
        : !disabledAt && before.disabledAt
          ? 'user.enabled'
          : 'user.updated';
    await recordAuditEvent(tx, {
      actor,
      action,
      entityType: 'user',
      entityId: id,
      before: auditSnapshot(before),
      after: auditSnapshot(after),
      at: now,
    });
    return after;
  });
  ctx.sessionCache.forgetUser(id);
  return updated;
}
