import { eq } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { isUuid } from '../../lib/ids.js';
import type { Product } from './catalog-types.js';
import { products } from './schema.js';

/** One product by id; not_found when there is none. */
export async function findProduct(db: DbOrTx, id: string, forUpdate = false): Promise<Product> {
  if (!isUuid(id)) throw new AppError('not_found', 'No such product.');
  const query = db.select().from(products).where(eq(products.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'No such product.');
  return row;
}

/** What the audit log keeps of a product. */
export function productSnapshot(product: Product) {
  return {
    name: product.name,
    description: product.description,
    kind: product.kind,
    archived: product.archivedAt !== null,
  };
}
