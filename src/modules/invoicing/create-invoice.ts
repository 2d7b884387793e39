import { z } from 'zod';
import { AppError, validationError } from '../../lib/app-error.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { getCustomer } from '../customers/index.js';
import { resolveTaxRate } from '../taxes/index.js';
import type { InvoicingContext } from './context.js';
import { invoiceSettingsFields, manualLineInput } from './invoice-fields.js';
import type { Invoice } from './invoice-types.js';
import { invoices } from './schema.js';
import { replaceDraftLines } from './write-lines.js';

const createInvoiceInput = z.object({
  customerId: z.string({ error: 'is required' }).trim().min(1, 'is required'),
  lines: z.array(manualLineInput).min(1, 'needs at least one line').max(200, 'at most 200 lines'),
  paymentTermsDays: invoiceSettingsFields.paymentTermsDays.default(14),
  memo: invoiceSettingsFields.memo.default(''),
});

export type CreateInvoiceInput = z.input<typeof createInvoiceInput>;

/**
 * A manual invoice for services and one-offs (Paymenter/WHMCS style), as a draft in the customer's
 * currency: it can be edited until it is finalized, which numbers it.
 */
export async function createInvoice(
  ctx: InvoicingContext,
  input: CreateInvoiceInput,
  actor: Actor,
): Promise<Invoice> {
  const data = parseInput(createInvoiceInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const customer = await getCustomer(tx, data.customerId).catch((error: unknown) => {
      throw error instanceof AppError && error.code === 'not_found'
        ? validationError({ customerId: 'is not a customer' })
        : error;
    });
    if (customer.mergedIntoId) throw validationError({ customerId: 'was merged into another customer' });
    const [draft] = await tx
      .insert(invoices)
      .values({
        customerId: customer.id,
        testClockId: customer.testClockId,
        status: 'draft',
        billingReason: 'manual',
        series: 'invoice',
        currency: customer.currency,
        subtotal: 0n,
        discountTotal: 0n,
        taxTotal: 0n,
        total: 0n,
        amountPaid: 0n,
        amountCredited: 0n,
        amountDue: 0n,
        paymentTermsDays: data.paymentTermsDays,
        memo: data.memo,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!draft) throw new Error('insert returned no row');
    const invoice = await replaceDraftLines(
      tx,
      draft,
      data.lines.map((line) => ({
        kind: 'one_off' as const,
        description: line.description,
        quantity: line.quantity,
        unitAmount: line.unitAmount,
        amount: line.unitAmount * BigInt(line.quantity),
        periodStart: null,
        periodEnd: null,
        taxRateId: null,
        couponId: null,
      })),
      await resolveTaxRate(tx, customer),
      now,
    );
    await recordAuditEvent(tx, {
      actor,
      action: 'invoice.created',
      entityType: 'invoice',
      entityId: invoice.id,
      after: { customerId: customer.id, total: invoice.total.toString(), currency: invoice.currency },
      at: now,
    });
    return invoice;
  });
}
