import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import type { CustomerWithIdentities } from './customer-types.js';
import { findCustomer } from './find-customer.js';
import { customerIdentities } from './schema.js';

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
