import { cartTax, ppmToPercent, type ResolvedTax } from '../taxes/index.js';
import { isBoughtLine } from './invoice-totals.js';
import type { InvoiceLineKind } from './invoice-types.js';
import type { NewLine } from './write-lines.js';

/** An invoice's tax: an added line for exclusive rates, or the part already inside for inclusive ones. */
export interface InvoiceTax {
  line: NewLine | null;
  included: bigint;
  /** Printed on the invoice: tax exempt, or the reverse-charge sentence. */
  note: string | null;
}

/**
 * The taxes module's rule for a cart (`cartTax`): the discount lines' total is shared over the charged
 * lines, each line is taxed on what is left of it, per line and half to even, and a credit line gives
 * its tax back. Exclusive tax becomes one `tax` line naming the rate; inclusive tax is already in the
 * amounts and is only reported.
 */
export function taxOf(
  lines: readonly { kind: InvoiceLineKind; amount: bigint }[],
  tax: ResolvedTax,
): InvoiceTax {
  const rate = tax.rate;
  if (!rate) return { line: null, included: 0n, note: tax.note };
  const discount = -lines
    .filter((line) => line.kind === 'discount')
    .reduce((sum, line) => sum + line.amount, 0n);
  const total = cartTax(
    lines.filter((line) => isBoughtLine(line.kind)),
    discount,
    rate,
  ).taxTotal;
  if (rate.inclusive) return { line: null, included: total, note: tax.note };
  return {
    line: {
      kind: 'tax',
      description: `${rate.name} ${ppmToPercent(rate.ratePpm)} %`,
      quantity: 1,
      unitAmount: total,
      amount: total,
      periodStart: null,
      periodEnd: null,
      taxRateId: rate.id,
      couponId: null,
    },
    included: 0n,
    note: tax.note,
  };
}
