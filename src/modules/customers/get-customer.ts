import { asc, eq } from 'drizzle-orm';
import { anyOf } from '../../lib/db/any-of.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { isUuid } from '../../lib/ids.js';
import type { Customer, CustomerWithIdentities } from './customer-types.js';
import { findCustomer } from './find-customer.js';
import { customerIdentities, customers } from './schema.js';

/** A customer with its linked accounts (merged records too: they say where they went). */
export async function getCustomer(db: DbOrTx, id: string): Promise<CustomerWithIdentities> {
  const customer = await findCustomer(db, id);
  const identities = await db
    .select()
    .from(customerIdentities)
    .where(eq(customerIdentities.customerId, id))
    .orderBy(asc(customerIdentities.provider), asc(customerIdentities.createdAt));
  return { ...customer, identities };
}

/** Customers by id (unknown ids are left out), for lists that name the customer of each row. */
export async function findCustomers(db: DbOrTx, ids: string[]): Promise<Map<string, Customer>> {
  const valid = [...new Set(ids)].filter(isUuid);
  if (valid.length === 0) return new Map();
  const rows = await db
    .select()
    .from(customers)
    .where(anyOf(customers.id, valid, 'uuid'));
  return new Map(rows.map((row) => [row.id, row]));
}
