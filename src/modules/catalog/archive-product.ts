import { eq } from 'drizzle-orm';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { Product } from './catalog-types.js';
import type { CatalogContext } from './context.js';
import { findProduct, productSnapshot } from './find-product.js';
import { products } from './schema.js';

/**
 * Archives (or restores) a product: it stays in the books and on existing subscriptions but can no
 * longer be bought. Products are never deleted, so history always has something to point at.
 */
export async function setProductArchived(
  ctx: CatalogContext,
  id: string,
  archived: boolean,
  actor: Actor,
): Promise<Product> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await findProduct(tx, id, true);
    if ((before.archivedAt !== null) === archived) return before;
    const [after] = await tx
      .update(products)
      .set({ archivedAt: archived ? now : null, updatedAt: now })
      .where(eq(products.id, id))
      .returning();
    if (!after) throw new Error('update returned no row');
    await recordAuditEvent(tx, {
      actor,
      action: archived ? 'product.archived' : 'product.restored',
      entityType: 'product',
      entityId: id,
      before: productSnapshot(before),
      after: productSnapshot(after),
      at: now,
    });
    return after;
  });
}
