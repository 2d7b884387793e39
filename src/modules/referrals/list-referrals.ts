import { and, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { pageRows, type PageOf, type Paging } from '../../lib/db/keyset-cursor.js';
import { isUuid } from '../../lib/ids.js';
import type { Referral, ReferralStatus } from './referral-types.js';
import { referrals } from './schema.js';

export interface ListReferralsInput {
  status?: ReferralStatus | undefined;
  /** Only the referrals this customer made. */
  referrerId?: string | undefined;
  /** Only referrals with one of these customers on either side (e.g. the customers a search found). */
  customerIds?: string[] | undefined;
}

/**
 * A page of referrals, newest first, by status, referrer and customers: by offset ({page,
 * pageSize}, with the total) or by cursor ({cursor, limit}, with the next cursor).
 */
export async function listReferrals<P extends Paging>(
  db: DbOrTx,
  input: ListReferralsInput & P,
): Promise<PageOf<Referral, P>> {
  const conditions: SQL[] = [];
  if (input.status) conditions.push(eq(referrals.status, input.status));
  if (input.referrerId !== undefined)
    conditions.push(isUuid(input.referrerId) ? eq(referrals.referrerId, input.referrerId) : sql`false`);
  if (input.customerIds) {
    const ids = input.customerIds.filter(isUuid);
    const either = or(inArray(referrals.referrerId, ids), inArray(referrals.referredId, ids));
    conditions.push(ids.length && either ? either : sql`false`);
  }
  return pageRows<Referral, P>(input, {
    keys: [
      { column: referrals.attributedAt, direction: 'desc' },
      { column: referrals.id, direction: 'desc' },
    ],
    scope: {
      list: 'referrals',
      status: input.status,
      referrerId: input.referrerId,
      customerIds: input.customerIds,
    },
    where: conditions.length ? and(...conditions) : undefined,
    rows: (q) =>
      db
        .select({ row: referrals, keys: q.keys })
        .from(referrals)
        .where(q.where)
        .orderBy(...q.orderBy)
        .limit(q.limit)
        .offset(q.offset),
    count: async (where) => (await db.select({ total: count() }).from(referrals).where(where))[0]?.total ?? 0,
  });
}

/** Who referred the customer (their referral), and whom they referred, newest first. */
export async function referralsAround(
  db: DbOrTx,
  customerId: string,
): Promise<{ referredBy: Referral | null; referred: Referral[] }> {
  if (!isUuid(customerId)) return { referredBy: null, referred: [] };
  const [referredBy] = await db.select().from(referrals).where(eq(referrals.referredId, customerId));
  const referred = await db
    .select()
    .from(referrals)
    .where(eq(referrals.referrerId, customerId))
    .orderBy(desc(referrals.attributedAt), desc(referrals.id));
  return { referredBy: referredBy ?? null, referred };
}
