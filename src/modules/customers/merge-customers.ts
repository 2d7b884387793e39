import { eq } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { CustomersContext } from './context.js';
import type { Customer } from './customer-types.js';
import { customerSnapshot, findActiveCustomer } from './find-customer.js';
import { customerIdentities, customers } from './schema.js';

/**
 * Merges a duplicate into the customer to keep: linked accounts, tags and notes move over, and the
 * duplicate stays as a record marked "merged into", so its history (audit, later invoices) still
 * resolves. Both customers' timelines record the merge.
 */
export async function mergeCustomers(
  ctx: CustomersContext,
  duplicateId: string,
  keepId: string,
  actor: Actor,
): Promise<Customer> {
  if (duplicateId === keepId)
    throw new AppError('validation_failed', 'A customer cannot be merged into itself.', {
      fields: { into: 'must be another customer' },
    });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // Lock in a fixed order, so two merges of the same pair cannot deadlock.
    const [first, second] = [duplicateId, keepId].sort();
    const locked = new Map<string, Customer>();
    for (const id of [first, second]) if (id) locked.set(id, await findActiveCustomer(tx, id));
    const duplicate = locked.get(duplicateId);
    const keep = locked.get(keepId);
    if (!duplicate || !keep) throw new Error('locked customers missing');
    const moved = await tx
      .update(customerIdentities)
      .set({ customerId: keepId })
      .where(eq(customerIdentities.customerId, duplicateId))
      .returning();
    const notes = [keep.notes, duplicate.notes && `Merged from ${duplicate.email}: ${duplicate.notes}`]
      .filter(Boolean)
      .join('\n\n');
    const [kept] = await tx
      .update(customers)
      .set({ tags: [...new Set([...keep.tags, ...duplicate.tags])].sort(), notes, updatedAt: now })
      .where(eq(customers.id, keepId))
      .returning();
    await tx
      .update(customers)
      .set({ mergedIntoId: keepId, updatedAt: now })
      .where(eq(customers.id, duplicateId));
    if (!kept) throw new Error('update returned no row');
    const summary = { duplicate: duplicate.email, kept: keep.email, linkedAccountsMoved: moved.length };
    await recordAuditEvent(tx, {
      actor,
      action: 'customer.merged_away',
      entityType: 'customer',
      entityId: duplicateId,
      before: customerSnapshot(duplicate),
      after: summary,
      at: now,
    });
    await recordAuditEvent(tx, {
      actor,
      action: 'customer.merged_in',
      entityType: 'customer',
      entityId: keepId,
      before: customerSnapshot(keep),
      after: summary,
      at: now,
    });
    return kept;
  });
}
