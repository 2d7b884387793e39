import { AppError } from '../../lib/app-error.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { CustomersContext } from './context.js';
import { identityInput, type IdentityInput } from './customer-fields.js';
import type { CustomerIdentity } from './customer-types.js';
import { findActiveCustomer } from './find-customer.js';
import { customerIdentities } from './schema.js';

/** Links an outside account (Discord id, Plex username, Stripe customer …); each belongs to one customer only. */
export async function linkIdentity(
  ctx: CustomersContext,
  customerId: string,
  input: IdentityInput,
  actor: Actor,
): Promise<CustomerIdentity> {
  const data = parseInput(identityInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await findActiveCustomer(tx, customerId);
    const [identity] = await tx
      .insert(customerIdentities)
      .values({ customerId, ...data, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!identity) {
      throw new AppError('conflict', `This ${data.provider} account is already linked to a customer.`, {
        fields: { externalId: 'is already linked' },
      });
    }
    await recordAuditEvent(tx, {
      actor,
      action: 'customer.identity_linked',
      entityType: 'customer',
      entityId: customerId,
      after: { [data.provider]: data.externalId },
      at: now,
    });
    return identity;
  });
}
