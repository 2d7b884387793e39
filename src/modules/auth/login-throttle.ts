import { and, inArray, sql } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { loginThrottle } from './schema.js';

const windowMinutes = 15;
// Per account: stops guessing one password; per IP: stops spraying many accounts from one place.
const accountLimit = 10;
const ipLimit = 50;

export interface ThrottleKeys {
  account: string;
  ip: string;
}

function keysOf(keys: ThrottleKeys) {
  return { account: `account:${keys.account}`, ip: `ip:${keys.ip}` };
}

/** Refuses a sign-in while the account or the IP has too many recent failures. */
export async function assertLoginAllowed(db: DbOrTx, keys: ThrottleKeys, now: Date): Promise<void> {
  const { account, ip } = keysOf(keys);
  const windowStart = new Date(now.getTime() - windowMinutes * 60_000);
  const rows = await db
    .select()
    .from(loginThrottle)
    .where(
      and(
        inArray(loginThrottle.key, [account, ip]),
        sql`${loginThrottle.windowStartedAt} > ${windowStart}::timestamptz`,
      ),
    );
  const blocked = rows.some((row) => row.failures >= (row.key === account ? accountLimit : ipLimit));
  if (blocked) {
    throw new AppError(
      'too_many_attempts',
      `Too many failed sign-ins. Try again in ${windowMinutes} minutes.`,
    );
  }
}

/** Counts one failed sign-in against the account and the IP (a new window starts when the old one ended). */
export async function recordLoginFailure(db: DbOrTx, keys: ThrottleKeys, now: Date): Promise<void> {
  const { account, ip } = keysOf(keys);
  const windowStart = new Date(now.getTime() - windowMinutes * 60_000);
  await db
    .insert(loginThrottle)
    .values([account, ip].map((key) => ({ key, windowStartedAt: now, failures: 1 })))
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`CASE WHEN ${loginThrottle.windowStartedAt} <= ${windowStart}::timestamptz THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${loginThrottle.windowStartedAt} <= ${windowStart}::timestamptz THEN ${now}::timestamptz ELSE ${loginThrottle.windowStartedAt} END`,
      },
    });
}

/** A successful sign-in clears the account's count (not the IP's: one success must not unlock spraying). */
export async function clearAccountFailures(db: DbOrTx, account: string): Promise<void> {
  await db.delete(loginThrottle).where(inArray(loginThrottle.key, [keysOf({ account, ip: '' }).account]));
}
