import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, validationError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { getCustomer } from '../customers/index.js';
import { recordEvents } from '../events/index.js';
import { hasPaidInvoice } from '../invoicing/index.js';
import { timeFor } from '../test-clocks/index.js';
import type { ReferralsContext } from './context.js';
import { findCodeOwner } from './referral-code.js';
import { getReferralProgramme } from './referral-programme.js';
import type { Referral } from './referral-types.js';
import { referrals } from './schema.js';

const attributionInput = z.object({
  code: z.string({ error: 'is required' }).trim().min(1, 'is required').max(64, 'is not a referral code'),
});

export type AttributionInput = z.input<typeof attributionInput>;

const refuse = (reason: string) => validationError({ code: reason }, `This referral cannot be recorded.`);

/**
 * Whether `customerId` is `referrerId` or above it in the chain of who referred whom. Each customer
 * has one referrer at most, so the chain is a line; UNION (not UNION ALL) stops even on bad data.
 */
async function isUpstream(tx: DbOrTx, customerId: string, referrerId: string): Promise<boolean> {
  const result = await tx.execute<{ found: boolean }>(sql`
    WITH RECURSIVE chain(id) AS (
      SELECT ${referrerId}::uuid
      UNION
      SELECT r.referrer_id FROM referrals r JOIN chain ON r.referred_id = chain.id
    )
    SELECT EXISTS (SELECT 1 FROM chain WHERE id = ${customerId}::uuid) AS found`);
  return result.rows[0]?.found === true;
}

/**
 * Records who referred a customer, by the referrer's code. Refused, on `code`, for an unknown
 * code, the customer's own code (or one of a customer with the same email), a code that would make
 * a loop (A referred B, so B cannot refer A, nor any longer cycle), a customer already referred,
 * and one who has already paid an invoice (the reward is for bringing a new paying customer).
 */
export async function attributeReferral(
  ctx: ReferralsContext,
  customerId: string,
  input: AttributionInput,
  actor: Actor,
): Promise<Referral> {
  const { code } = parseInput(attributionInput, input);
  const realNow = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // Attributions take turns, so two at once cannot close a loop neither would see alone.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('referral-attribution', 0))`);
    const customer = await getCustomer(tx, customerId);
    if (customer.mergedIntoId)
      throw new AppError('conflict', 'This customer was merged into another; set the referral on that one.');
    if (!(await getReferralProgramme(tx)).enabled)
      throw refuse('cannot be used: the referral programme is switched off');
    const owner = await findCodeOwner(tx, code);
    if (!owner) throw refuse('is not a referral code');
    const referrer = await getCustomer(tx, owner.customerId);
    if (referrer.id === customer.id) throw refuse('is this customer’s own code');
    if (referrer.email.toLowerCase() === customer.email.toLowerCase())
      throw refuse('belongs to a customer with the same email');
    const [existing] = await tx.select().from(referrals).where(eq(referrals.referredId, customer.id));
    if (existing) throw refuse('cannot be set: this customer has already been referred');
    if (await hasPaidInvoice(tx, customer.id))
      throw refuse('cannot be set: this customer has already paid an invoice');
    if (await isUpstream(tx, customer.id, referrer.id))
      throw refuse('would make a loop: this customer referred the code’s owner (directly or through others)');

    const at = await timeFor(tx, customer.testClockId, realNow);
    const [referral] = await tx
      .insert(referrals)
      .values({
        referrerId: referrer.id,
        referredId: customer.id,
        code: owner.code,
        status: 'pending',
        note: '',
        attributedAt: at,
      })
      .returning();
    if (!referral) throw new Error('insert returned no row');
    await recordEvents(tx, [
      {
        type: 'referral.attributed',
        entityType: 'referral',
        entityId: referral.id,
        payload: { referrerId: referrer.id, referredId: customer.id, code: owner.code },
        occurredAt: at,
      },
    ]);
    await recordAuditEvent(tx, {
      actor,
      action: 'referral.attributed',
      entityType: 'customer',
      entityId: customer.id,
      after: { referrer: referrer.email, code: owner.code },
      at: realNow,
    });
    return referral;
  });
}
