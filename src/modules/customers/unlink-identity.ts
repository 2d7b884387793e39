import { and, eq } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import { isUuid } from '../../lib/ids.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { CustomersContext } from './context.js';
import { findActiveCustomer } from './find-customer.js';
import { customerIdentities } from './schema.js';

/** Removes a linked outside account from a customer. */
export async function unlinkIdentity(
  ctx: CustomersContext,
  customerId: string,
  identityId: string,
  actor: Actor,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await findActiveCustomer(tx, customerId);
    const [removed] = isUuid(identityId)
      ? await tx
          .delete(customerIdentities)
          .where(and(eq(customerIdentities.id, identityId), eq(customerIdentities.customerId, customerId)))
          .returning()
      : [];
    if (!removed) throw new AppError('not_found', 'No such linked account on this customer.');
    await recordAuditEvent(tx, {
      actor,
      action: 'customer.identity_unlinked',
      entityType: 'customer',
      entityId: customerId,
      before: { [removed.provider]: removed.externalId },
      at: now,
    });
  });
}
