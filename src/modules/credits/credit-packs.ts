import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, validationError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { getPlan } from '../catalog/index.js';
import { findCustomer } from '../customers/index.js';
import {
  createInvoice,
  finalizeInvoice,
  type Invoice,
  type InvoiceSettlementListener,
  type InvoicingContext,
} from '../invoicing/index.js';
import type { CreditsContext } from './context.js';
import { grantCredits } from './credit-grants.js';
import { revokeGrant } from './revoke-grant.js';
import { creditPackPurchases } from './schema.js';

export type CreditPackPurchase = typeof creditPackPurchases.$inferSelect;

const buyPackInput = z.object({
  planId: z.string({ error: 'is required' }).trim().min(1, 'is required'),
  quantity: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000')
    .default(1),
});

export type BuyCreditPackInput = z.input<typeof buyPackInput>;

const dayMs = 24 * 3_600_000;
const packRef = (purchaseId: string) => `credit_pack:${purchaseId}`;

/**
 * Sells credit packs (a one-time plan with credits) on an invoice, in one transaction: the invoice
 * is created and finalized, and the purchase waits for its payment — the credits are granted when
 * the invoice is paid (or at once if finalizing already settled it).
 */
export async function buyCreditPack(
  ctx: CreditsContext,
  invoicing: InvoicingContext,
  customerId: string,
  input: BuyCreditPackInput,
  actor: Actor,
): Promise<{ purchase: CreditPackPurchase; invoice: Invoice }> {
  const data = parseInput(buyPackInput, input);
  return ctx.db.transaction(async (tx) => {
    const customer = await findCustomer(tx, customerId);
    const plan = await getPlan(tx, data.planId).catch((error: unknown) => {
      throw error instanceof AppError && error.code === 'not_found'
        ? validationError({ planId: 'is not a plan' })
        : error;
    });
    if (plan.intervalUnit !== null || plan.creditsPerPeriod === null || !plan.creditUnit)
      throw validationError({ planId: 'is not a credit pack (a one-time plan with credits)' });
    if (plan.archivedAt || plan.product.archivedAt)
      throw validationError({ planId: 'is archived and can no longer be bought' });
    const price = plan.prices.find((candidate) => candidate.currency === customer.currency);
    if (!price)
      throw validationError({ planId: `has no price in ${customer.currency}, the customer's currency` });
    const credits = plan.creditsPerPeriod * BigInt(data.quantity);
    const inTx = { ...invoicing, db: tx };
    const draft = await createInvoice(
      inTx,
      {
        customerId,
        lines: [
          {
            description: `${plan.name}: ${plan.creditsPerPeriod} ${plan.creditUnit}`,
            quantity: data.quantity,
            unitAmount: price.amount,
          },
        ],
      },
      actor,
    );
    const invoice = await finalizeInvoice(inTx, draft.id, actor);
    const [purchase] = await tx
      .insert(creditPackPurchases)
      .values({
        customerId,
        invoiceId: invoice.id,
        planId: plan.id,
        unit: plan.creditUnit,
        credits,
        expiryDays: plan.creditExpiryDays,
        status: 'awaiting_payment',
        createdAt: ctx.clock.now(),
      })
      .returning();
    if (!purchase) throw new Error('insert returned no row');
    await recordAuditEvent(tx, {
      actor,
      action: 'credits.pack_ordered',
      entityType: 'customer',
      entityId: customerId,
      before: {},
      after: { plan: plan.code, credits: credits.toString(), unit: plan.creditUnit, invoice: invoice.number },
      at: ctx.clock.now(),
    });
    const granted =
      invoice.status === 'paid'
        ? await grantPack(tx, ctx.clock, invoice, invoice.paidAt ?? invoice.updatedAt)
        : null;
    return { purchase: granted ?? purchase, invoice };
  });
}

/** Grants a paid invoice's pack, once; null when the invoice sold no pack or it was granted already. */
async function grantPack(
  tx: DbOrTx,
  clock: Clock,
  invoice: Invoice,
  at: Date,
): Promise<CreditPackPurchase | null> {
  const [purchase] = await tx
    .update(creditPackPurchases)
    .set({ status: 'granted', grantedAt: at })
    .where(
      and(eq(creditPackPurchases.invoiceId, invoice.id), eq(creditPackPurchases.status, 'awaiting_payment')),
    )
    .returning();
  if (!purchase) return null;
  await grantCredits(tx, clock, {
    customerId: purchase.customerId,
    testClockId: invoice.testClockId,
    unit: purchase.unit,
    amount: purchase.credits,
    source: 'pack',
    description: `Credit pack on invoice ${invoice.number ?? invoice.id}`,
    expiresAt: purchase.expiryDays === null ? null : new Date(at.getTime() + purchase.expiryDays * dayMs),
    sourceRef: packRef(purchase.id),
    at,
  });
  return purchase;
}

/**
 * Credit packs' side of invoice settlement: payment grants the pack; a refund takes back the same
 * share of the credits as of the money (rounded up), from what is left of them.
 */
export function creditPackSettlement(clock: Clock): InvoiceSettlementListener {
  return {
    async paid(tx, { invoice, at }) {
      await grantPack(tx, clock, invoice, at);
    },
    async credited(tx, { invoice, creditNote, refunded, at }) {
      if (refunded <= 0n || invoice.total <= 0n) return;
      const [purchase] = await tx
        .select()
        .from(creditPackPurchases)
        .where(and(eq(creditPackPurchases.invoiceId, invoice.id), eq(creditPackPurchases.status, 'granted')));
      if (!purchase) return;
      const share = (purchase.credits * refunded + invoice.total - 1n) / invoice.total;
      await revokeGrant(tx, clock, {
        sourceRef: packRef(purchase.id),
        description: `Refunded by credit note ${creditNote.number}`,
        at,
        amount: share,
        revocationRef: `credit_note:${creditNote.id}`,
      });
    },
  };
}
