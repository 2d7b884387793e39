import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isUniqueViolation } from '../../lib/db/errors.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { CustomersContext } from './context.js';
import { customerFields } from './customer-fields.js';
import type { Customer } from './customer-types.js';
import { customerSnapshot, emailTaken, findActiveCustomer } from './find-customer.js';
import { customers } from './schema.js';

const updateCustomerInput = z.object(customerFields).partial();

export type UpdateCustomerInput = z.input<typeof updateCustomerInput>;

/** Changes any of a customer's details; an email already used by another customer is refused. */
export async function updateCustomer(
  ctx: CustomersContext,
  id: string,
  input: UpdateCustomerInput,
  actor: Actor,
): Promise<Customer> {
  const data = parseInput(updateCustomerInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await findActiveCustomer(tx, id);
    // Nothing asked to change: write nothing, audit nothing.
    if (Object.values(data).every((value) => value === undefined)) return before;
    if (data.email && data.email !== before.email) {
      const [clash] = await tx
        .select({ id: customers.id })
        .from(customers)
        .where(
          and(
            eq(sql`lower(${customers.email})`, data.email),
            isNull(customers.mergedIntoId),
            ne(customers.id, id),
          ),
        );
      if (clash) throw emailTaken();
    }
    const changes = Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
    // The check above gives the clear answer; the unique index settles a race between two updates.
    const [after] = await tx
      .update(customers)
      .set({ ...changes, updatedAt: now })
      .where(eq(customers.id, id))
      .returning()
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? emailTaken() : error;
      });
    if (!after) throw new Error('update returned no row');
    await recordAuditEvent(tx, {
      actor,
      action: 'customer.updated',
      entityType: 'customer',
      entityId: id,
      before: customerSnapshot(before),
      after: customerSnapshot(after),
      at: now,
    });
    return after;
  });
}
