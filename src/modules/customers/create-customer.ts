import { z } from 'zod';
import { parseInput } from '../../lib/validation.js';
import { AppError, validationError } from '../../lib/app-error.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { getTestClock } from '../test-clocks/index.js';
import type { CustomersContext } from './context.js';
import { customerFields } from './customer-fields.js';
import type { Customer } from './customer-types.js';
import { customerSnapshot, emailTaken } from './find-customer.js';
import { customers } from './schema.js';

const createCustomerInput = z.object({
  ...customerFields,
  locale: customerFields.locale.default('en-US'),
  timeZone: customerFields.timeZone.default('UTC'),
  addressLine1: customerFields.addressLine1.default(null),
  addressLine2: customerFields.addressLine2.default(null),
  city: customerFields.city.default(null),
  postalCode: customerFields.postalCode.default(null),
  region: customerFields.region.default(null),
  country: customerFields.country.default(null),
  taxId: customerFields.taxId.default(null),
  taxExempt: customerFields.taxExempt.default(false),
  tags: customerFields.tags.default([]),
  notes: customerFields.notes.default(''),
  testClockId: z.string().trim().min(1).nullable().default(null),
});

export type CreateCustomerInput = z.input<typeof createCustomerInput>;

/**
 * Adds a customer; the email must not belong to another (unmerged) customer. A sandbox customer is
 * attached to a test clock here, once: its time is the clock's for the rest of its life.
 */
export async function createCustomer(
  ctx: CustomersContext,
  input: CreateCustomerInput,
  actor: Actor,
): Promise<Customer> {
  const data = parseInput(createCustomerInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    if (data.testClockId) {
      await getTestClock(tx, data.testClockId).catch((error: unknown) => {
        throw error instanceof AppError && error.code === 'not_found'
          ? validationError({ testClockId: 'is not a test clock' })
          : error;
      });
    }
    const [customer] = await tx
      .insert(customers)
      .values({ ...data, createdAt: now, updatedAt: now })
      .onConflictDoNothing() // the only unique key a new customer can clash on is the email
      .returning();
    if (!customer) throw emailTaken();
    await recordAuditEvent(tx, {
      actor,
      action: 'customer.created',
      entityType: 'customer',
      entityId: customer.id,
      after: customerSnapshot(customer),
      at: now,
    });
    return customer;
  });
}
