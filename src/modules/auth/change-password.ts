import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { validationError } from '../../lib/app-error.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { AuthContext } from './context.js';
import { hashPassword, verifyPassword } from './password-hashing.js';
import { users } from './schema.js';
import { endUserSessions } from './sessions.js';
import { assertPasswordAllowed, passwordField } from './user-fields.js';

const changePasswordInput = z.object({ currentPassword: passwordField, newPassword: passwordField });

export type ChangePasswordInput = z.input<typeof changePasswordInput>;

/** A signed-in user changes their own password; every other session of theirs ends. */
export async function changePassword(
  ctx: AuthContext,
  userId: string,
  currentSessionId: string,
  input: ChangePasswordInput,
  actor: Actor,
): Promise<void> {
  const data = parseInput(changePasswordInput, input);
  const [user] = await ctx.db
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || !(await verifyPassword(user.passwordHash, data.currentPassword))) {
    throw validationError({ currentPassword: 'is not your current password' });
  }
  assertPasswordAllowed(data.newPassword, user.email, 'newPassword');
  const passwordHash = await hashPassword(data.newPassword);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
      .where(eq(users.id, userId));
    await endUserSessions(tx, userId, currentSessionId);
    await recordAuditEvent(tx, {
      actor,
      action: 'user.password_changed',
      entityType: 'user',
      entityId: userId,
      at: now,
    });
  });
  ctx.sessionCache.forgetUser(userId);
}
