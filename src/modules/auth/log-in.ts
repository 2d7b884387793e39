import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../lib/app-error.js';
import { sha256Hex } from '../../lib/crypto.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent } from '../audit/index.js';
import type { AuthContext } from './context.js';
import { assertLoginAllowed, clearAccountFailures, recordLoginFailure } from './login-throttle.js';
import { verifyPassword } from './password-hashing.js';
import { users } from './schema.js';
import { createSession, endSession, type SessionClient } from './sessions.js';

const logInInput = z.object({
  email: z
    .string({ error: 'is required' })
    .trim()
    .toLowerCase()
    .min(1, 'is required')
    .max(254, 'is too long'),
  password: z.string({ error: 'is required' }).min(1, 'is required').max(4096, 'is too long'),
});

export type LogInInput = z.input<typeof logInInput>;

export interface LogInResult {
  token: string;
  userId: string;
}

const invalid = () => new AppError('invalid_credentials', 'Email or password is incorrect.');

/**
 * Signs a staff member in and starts a new session (ending the one the browser had, so a token
 * planted before sign-in is worthless after). Unknown account, wrong password and disabled
 * account all give the same answer after the same amount of work.
 */
export async function logIn(
  ctx: AuthContext,
  input: LogInInput,
  client: SessionClient & { ip: string; previousToken?: string | undefined },
): Promise<LogInResult> {
  const { email, password } = parseInput(logInInput, input);
  const now = ctx.clock.now();
  const keys = { account: email, ip: client.ip };
  await assertLoginAllowed(ctx.db, keys, now);
  const [user] = await ctx.db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email));
  const passwordMatches = await verifyPassword(user?.passwordHash, password);
  if (!user || !passwordMatches || user.disabledAt) {
    await recordLoginFailure(ctx.db, keys, now);
    throw invalid();
  }
  const result = await ctx.db.transaction(async (tx) => {
    if (client.previousToken) await endSession(tx, client.previousToken);
    await clearAccountFailures(tx, email);
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
    const token = await createSession(tx, user.id, now, ctx.sessionPolicy, client);
    await recordAuditEvent(tx, {
      actor: { userId: user.id, label: email, ip: client.ip },
      action: 'user.signed_in',
      entityType: 'user',
      entityId: user.id,
      at: now,
    });
    return { token, userId: user.id };
  });
  if (client.previousToken) ctx.sessionCache.forgetToken(sha256Hex(client.previousToken));
  return result;
}
