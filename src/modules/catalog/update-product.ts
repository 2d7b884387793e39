import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { descriptionField, nameField } from './catalog-fields.js';
import type { Product } from './catalog-types.js';
import type { CatalogContext } from './context.js';
import { findProduct, productSnapshot } from './find-product.js';
import { products } from './schema.js';

const updateProductInput = z.object({ name: nameField.optional(), description: descriptionField.optional() });

export type UpdateProductInput = z.input<typeof updateProductInput>;

/** Renames or re-describes a product. Its kind is fixed once created, because its plans depend on it. */
export async function updateProduct(
  ctx: CatalogContext,
  id: string,
  input: UpdateProductInput,
  actor: Actor,
): Promise<Product> {
  const data = parseInput(updateProductInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await findProduct(tx, id, true);
    // Nothing asked to change (e.g. a PATCH that only archives): write nothing, audit nothing.
    if (Object.values(data).every((value) => value === undefined)) return before;
    const [after] = await tx
      .update(products)
      .set({
        name: data.name ?? before.name,
        description: data.description ?? before.description,
        updatedAt: now,
      })
      .where(eq(products.id, id))
      .returning();
    if (!after) throw new Error('update returned no row');
    await recordAuditEvent(tx, {
      actor,
      action: 'product.updated',
      entityType: 'product',
      entityId: id,
      before: productSnapshot(before),
      after: productSnapshot(after),
      at: now,
    });
    return after;
  });
}
