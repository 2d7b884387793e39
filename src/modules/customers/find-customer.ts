import { eq } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { isUuid } from '../../lib/ids.js';
import type { Customer } from './customer-types.js';
import { customers } from './schema.js';

/** One customer by id; not_found when there is none. `forUpdate` locks the row for a change. */
export async function findCustomer(db: DbOrTx, id: string, forUpdate = false): Promise<Customer> {
  if (!isUuid(id)) throw new AppError('not_found', 'No such customer.');
  const query = db.select().from(customers).where(eq(customers.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'No such customer.');
  return row;
}

/** A customer that can still change: merged records are kept for history only. */
export async function findActiveCustomer(db: DbOrTx, id: string): Promise<Customer> {
  const customer = await findCustomer(db, id, true);
  if (customer.mergedIntoId) {
    throw new AppError('conflict', 'This customer was merged into another; change that one instead.', {
      logMessage: `customer ${id} merged into ${customer.mergedIntoId}`,
    });
  }
  return customer;
}

/** What the audit log keeps of a customer. */
export function customerSnapshot(customer: Customer) {
  return {
    email: customer.email,
    name: customer.name,
    currency: customer.currency,
    locale: customer.locale,
    timeZone: customer.timeZone,
    country: customer.country,
    taxId: customer.taxId,
    taxExempt: customer.taxExempt,
    tags: customer.tags.join(', '),
  };
}

export const emailTaken = () =>
  new AppError('conflict', 'Another customer already uses this email.', {
    fields: { email: 'is already in use' },
  });
