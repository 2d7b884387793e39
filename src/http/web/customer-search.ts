import type { Db } from '../../lib/db/database.js';
import { listCustomers } from '../../modules/customers/index.js';

/**
 * The ids of the customers a list's search box names (by name, email or linked account), for lists
 * of things that belong to customers; undefined when nothing was typed (no filter).
 */
export async function customerIdsMatching(db: Db, search: string): Promise<string[] | undefined> {
  if (!search) return undefined;
  const { rows } = await listCustomers(db, {
    search,
    sort: 'createdAt',
    direction: 'desc',
    page: 1,
    pageSize: 500,
  });
  return rows.map((customer) => customer.id);
}
