import { z } from 'zod';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { descriptionField, nameField, productKinds } from './catalog-fields.js';
import type { Product } from './catalog-types.js';
import type { CatalogContext } from './context.js';
import { productSnapshot } from './find-product.js';
import { products } from './schema.js';

const createProductInput = z.object({
  name: nameField,
  description: descriptionField.default(''),
  kind: z.enum(productKinds, { error: `must be one of ${productKinds.join(', ')}` }),
});

export type CreateProductInput = z.input<typeof createProductInput>;

/** Adds a product to the catalog. */
export async function createProduct(
  ctx: CatalogContext,
  input: CreateProductInput,
  actor: Actor,
): Promise<Product> {
  const data = parseInput(createProductInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [product] = await tx
      .insert(products)
      .values({ ...data, createdAt: now, updatedAt: now })
      .returning();
    if (!product) throw new Error('insert returned no row');
    await recordAuditEvent(tx, {
      actor,
      action: 'product.created',
      entityType: 'product',
      entityId: product.id,
      after: productSnapshot(product),
      at: now,
    });
    return product;
  });
}
