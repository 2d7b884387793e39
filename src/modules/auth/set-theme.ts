import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { AuthContext } from './context.js';
import { users } from './schema.js';

const themeInput = z.object({ theme: z.enum(['light', 'dark'], { error: 'must be light or dark' }) });

/** Remembers a user's light/dark choice, so it follows them to any browser. */
export async function setTheme(
  ctx: AuthContext,
  userId: string,
  input: unknown,
  actor: Actor,
): Promise<'light' | 'dark'> {
  const { theme } = parseInput(themeInput, input);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ theme, updatedAt: now }).where(eq(users.id, userId));
    await recordAuditEvent(tx, {
      actor,
      action: 'user.theme_changed',
      entityType: 'user',
      entityId: userId,
      after: { theme },
      at: now,
    });
  });
  ctx.sessionCache.forgetUser(userId);
  return theme;
}
