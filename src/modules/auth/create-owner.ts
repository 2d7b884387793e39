import { count, sql } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import type { AuthContext } from './context.js';
import { insertUser } from './create-user.js';
import { users } from './schema.js';
import type { StaffUser } from './staff-user.js';

export interface CreateOwnerInput {
  email: string;
  name: string;
  password: string;
}

// Serialises concurrent first-run wizards so exactly one owner can ever be created this way.
const setupLockKey = 7_130_002;

/** The first-run wizard: creates the owner, only while no staff user exists at all. */
export async function createOwner(
  ctx: AuthContext,
  input: CreateOwnerInput,
  ip: string | null,
): Promise<StaffUser> {
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${setupLockKey})`);
    const [existing] = await tx.select({ total: count() }).from(users);
    if ((existing?.total ?? 0) > 0) {
      throw new AppError('setup_already_done', 'Tollgate is already set up. Sign in instead.');
    }
    const actor = { userId: null, label: `setup:${input.email?.trim().toLowerCase()}`, ip };
    return insertUser(tx, { ...input, role: 'owner' }, actor, ctx.clock.now());
  });
}

/** True once any staff user exists; the web layer sends everyone to the wizard until then. */
export async function isSetupDone(ctx: Pick<AuthContext, 'db'>): Promise<boolean> {
  const [row] = await ctx.db.select({ total: count() }).from(users);
  return (row?.total ?? 0) > 0;
}
