import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { recordAuditEvent, systemActor } from '../audit/index.js';
import { recordEvents } from '../events/index.js';
import type { Referral } from './referral-types.js';
import { referrals } from './schema.js';

/**
 * Writes a settled or reversed referral with its outbox event and audit row (by the system: the
 * invoice's payment or credit note caused it, and is audited itself), in the caller's transaction.
 */
export async function recordReferralChange(
  tx: DbOrTx,
  before: Referral,
  changes: Partial<Referral>,
  when: { at: Date; realNow: Date },
): Promise<Referral> {
  const [after] = await tx.update(referrals).set(changes).where(eq(referrals.id, before.id)).returning();
  if (!after) throw new Error('update returned no row');
  const payload = {
    referrerId: after.referrerId,
    referredId: after.referredId,
    invoiceId: after.invoiceId,
    planMonths: after.planMonths,
    reward: after.reward,
    reversal: after.reversal,
    note: after.note,
  };
  await recordEvents(tx, [
    {
      type: `referral.${after.status}`,
      entityType: 'referral',
      entityId: after.id,
      payload,
      occurredAt: when.at,
    },
  ]);
  await recordAuditEvent(tx, {
    actor: systemActor,
    action: `referral.${after.status}`,
    entityType: 'customer',
    entityId: after.referrerId,
    before: { status: before.status },
    // In words, as the customer's timeline shows it; the event carries the ids.
    after: {
      status: after.status,
      planMonths: after.planMonths,
      reward: after.reward?.description ?? null,
      reversal: after.reversal?.description ?? null,
      note: after.note || null,
    },
    at: when.realNow,
  });
  return after;
}
