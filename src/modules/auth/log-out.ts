import { eq } from 'drizzle-orm';
import { sha256Hex } from '../../lib/crypto.js';
import { recordAuditEvent } from '../audit/index.js';
import type { AuthContext } from './context.js';
import { users } from './schema.js';
import { endSession } from './sessions.js';

/** Ends the session behind a token and records who signed out; an unknown token changes nothing. */
export async function logOut(ctx: AuthContext, token: string, ip: string | null): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const userId = await endSession(tx, token);
    if (!userId) return;
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    await recordAuditEvent(tx, {
      actor: { userId, label: user?.email ?? userId, ip },
      action: 'user.signed_out',
      entityType: 'user',
      entityId: userId,
      at: ctx.clock.now(),
    });
  });
  ctx.sessionCache.forgetToken(sha256Hex(token));
}
