import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import type { AuthContext } from './context.js';
import { isRoleKey, type RoleKey } from './roles.js';
import { sessions, users } from './schema.js';

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: RoleKey;
  theme: 'light' | 'dark' | null;
}

export interface ActiveSession {
  sessionId: string;
  user: SessionUser;
}

export interface SessionClient {
  ip?: string | null;
  userAgent?: string | null;
}

// Writing last_seen_at on every request would turn each page view into a write; once a minute
// is precise enough for an idle timeout measured in minutes.
const touchIntervalMs = 60_000;

/** Starts a session and returns its token; only the token's hash is stored. */
export async function createSession(
  db: DbOrTx,
  userId: string,
  now: Date,
  policy: SessionPolicy,
  client: SessionClient = {},
): Promise<string> {
  const token = randomToken(32);
  await db.insert(sessions).values({
    tokenHash: sha256Hex(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + policy.maxHours * 3_600_000),
    ip: client.ip ?? null,
    userAgent: client.userAgent?.slice(0, 400) ?? null,
  });
  return token;
}

/** The live session for a token, or undefined when it is unknown, expired (idle or absolute) or its user is disabled. */
export async function findSession(ctx: AuthContext, token: string): Promise<ActiveSession | undefined> {
  const { db, sessionPolicy: policy, sessionCache: cache } = ctx;
  const now = ctx.clock.now();
  const tokenHash = sha256Hex(token);
  let row = cache.get(tokenHash);
  if (!row) {
    [row] = await db
      .select({
        sessionId: sessions.id,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        userId: users.id,
        email: users.email,
        name: users.name,
        role: users.roleKey,
        theme: users.theme,
        disabledAt: users.disabledAt,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.tokenHash, tokenHash));
    if (!row) return undefined;
    cache.set(tokenHash, row);
  }
  const idleDeadline = row.lastSeenAt.getTime() + policy.idleMinutes * 60_000;
  if (row.disabledAt || now >= row.expiresAt || now.getTime() >= idleDeadline || !isRoleKey(row.role)) {
    cache.forgetToken(tokenHash);
    await db.delete(sessions).where(eq(sessions.id, row.sessionId));
    return undefined;
  }
  if (now.getTime() - row.lastSeenAt.getTime() >= touchIntervalMs) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.sessionId));
    cache.set(tokenHash, { ...row, lastSeenAt: now });
  }
  return {
    sessionId: row.sessionId,
    user: { id: row.userId, email: row.email, name: row.name, role: row.role, theme: row.theme },
  };
}

/** Ends one session; returns whose it was, or undefined when the token was unknown. */
export async function endSession(db: DbOrTx, token: string): Promise<string | undefined> {
  const [ended] = await db
    .delete(sessions)
    .where(eq(sessions.tokenHash, sha256Hex(token)))
    .returning({ userId: sessions.userId });
  return ended?.userId;
}

/** Ends every session of a user, optionally keeping one (the one that made the change). */
export async function endUserSessions(db: DbOrTx, userId: string, exceptSessionId?: string): Promise<void> {
  const condition = exceptSessionId
    ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
    : eq(sessions.userId, userId);
  await db.delete(sessions).where(condition);
}
