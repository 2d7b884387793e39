import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TaxRate } from '../taxes/index.js';
import { invoiceTotals } from './invoice-totals.js';
import type { InvoiceLineKind } from './invoice-types.js';
import { taxOf } from './tax-lines.js';

/**
 * The invoice path the bill run and manual invoices take: bought lines (credits included), discount
 * lines from coupons, then taxOf adds the tax, and invoiceTotals sums it all up.
 */

const sum = (values: readonly bigint[]) => values.reduce((total, value) => total + value, 0n);
const at = new Date('2027-01-01T00:00:00Z');

function rateOf(ratePpm: number, inclusive: boolean): TaxRate {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'VAT',
    country: 'DE',
    region: null,
    ratePpm,
    inclusive,
    createdAt: at,
    updatedAt: at,
    archivedAt: null,
  };
}

interface Line {
  kind: InvoiceLineKind;
  amount: bigint;
}

const boughtKinds: InvoiceLineKind[] = ['subscription_period', 'proration', 'addon', 'setup_fee', 'one_off'];
const boughtLine: fc.Arbitrary<Line> = fc.record({
  kind: fc.constantFrom(...boughtKinds),
  amount: fc.bigInt({ min: 1n, max: 10n ** 8n }),
});
const creditLine: fc.Arbitrary<Line> = fc.record({
  kind: fc.constant<InvoiceLineKind>('proration'),
  amount: fc.bigInt({ min: -(10n ** 8n), max: -1n }),
});
const rate = fc.option(
  fc.record({
    ratePpm: fc.oneof(fc.constantFrom(0, 88_750, 190_000, 1_000_000), fc.integer({ min: 0, max: 1_000_000 })),
    inclusive: fc.boolean(),
  }),
  { nil: null },
);

/** A cart: bought lines, maybe credits, coupons taking off at most what is left, and a rate. */
const cart = (withCredits: boolean) =>
  fc
    .record({
      bought: fc.array(boughtLine, { minLength: 1, maxLength: 12 }),
      credits: withCredits ? fc.array(creditLine, { maxLength: 3 }) : fc.constant<Line[]>([]),
      rate,
    })
    .chain(({ bought, credits, rate }) => {
      const left = sum([...bought, ...credits].map((line) => line.amount));
      return fc.record({
        bought: fc.constant<Line[]>([...bought, ...credits]),
        discounts: fc.array(fc.bigInt({ min: 0n, max: left > 0n ? left : 0n }), { maxLength: 3 }).map(
          // Each coupon takes off at most what the ones before it left, as the bill run applies them.
          (offs) => {
            let remaining = left > 0n ? left : 0n;
            return offs.map((off) => {
              const taken = off > remaining ? remaining : off;
              remaining -= taken;
              return taken;
            });
          },
        ),
        rate: fc.constant(rate),
      });
    });

function invoiceOf(
  input: { bought: { kind: InvoiceLineKind; amount: bigint }[]; discounts: bigint[] },
  tax: TaxRate | null,
) {
  const beforeTax = [
    ...input.bought,
    ...input.discounts.map((off) => ({ kind: 'discount' as const, amount: -off })),
  ];
  const taxed = taxOf(beforeTax, { rate: tax, note: null });
  const lines = taxed.line ? [...beforeTax, taxed.line] : beforeTax;
  return { lines, totals: invoiceTotals(lines, taxed.included) };
}

describe('invoice totals', () => {
  it('always add up: total = Σ lines = subtotal − discounts + exclusive tax, for random carts', () => {
    fc.assert(
      fc.property(cart(true), ({ bought, discounts, rate }) => {
        const tax = rate && rateOf(rate.ratePpm, rate.inclusive);
        const { lines, totals } = invoiceOf({ bought, discounts }, tax);
        expect(totals.total).toBe(sum(lines.map((line) => line.amount)));
        expect(totals.subtotal).toBe(sum(bought.map((line) => line.amount)));
        expect(totals.discountTotal).toBe(sum(discounts));
        const addedTax = tax && !tax.inclusive ? totals.taxTotal : 0n;
        expect(totals.subtotal - totals.discountTotal + addedTax).toBe(totals.total);
        // One tax line at most, and only for an exclusive rate.
        expect(lines.filter((line) => line.kind === 'tax').length).toBe(tax && !tax.inclusive ? 1 : 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('never owe negative tax or a negative total when nothing is credited, however large the coupons', () => {
    fc.assert(
      fc.property(cart(false), ({ bought, discounts, rate }) => {
        const { totals } = invoiceOf({ bought, discounts }, rate && rateOf(rate.ratePpm, rate.inclusive));
        expect(totals.taxTotal).toBeGreaterThanOrEqual(0n);
        expect(totals.total).toBeGreaterThanOrEqual(0n);
      }),
      { numRuns: 2000 },
    );
  });
});
