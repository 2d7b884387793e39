import { allocate } from '../../lib/money.js';
import { roundHalfEven } from '../subscriptions/index.js';
import { maxRatePpm } from './tax-percent.js';
import type { TaxRule } from './tax-types.js';

/**
 * Tax is worked out on each line and rounded there, half to even; the invoice's tax is the sum of
 * its lines' taxes. Every line then shows a tax that adds up, and the total never depends on how
 * lines are grouped. Rounding the sum instead can differ by a minor unit or more (see the tests).
 */
export const taxRounding = 'per line, half to even';

const million = BigInt(maxRatePpm);

// ISO 4217's code for "no currency": the allocation only splits amounts, whatever they are in.
const noCurrency = 'XXX';

/** One amount split into what is before tax, the tax, and what is paid. */
export interface LineTax {
  net: bigint;
  tax: bigint;
  gross: bigint;
}

function ppmOf(rate: TaxRule): bigint {
  if (!Number.isInteger(rate.ratePpm) || rate.ratePpm < 0 || rate.ratePpm > maxRatePpm)
    throw new RangeError(`A tax rate is 0 to ${maxRatePpm} parts per million, not ${rate.ratePpm}`);
  return BigInt(rate.ratePpm);
}

/**
 * The tax of one line. Exclusive: the tax is added on top (net = amount). Inclusive: the amount
 * already contains it, so net = amount / (1 + rate), rounded, and the tax is the rest.
 */
export function taxForLine(amount: bigint, rate: TaxRule): LineTax {
  const ppm = ppmOf(rate);
  if (rate.inclusive) {
    const net = roundHalfEven(amount * million, million + ppm);
    return { net, tax: amount - net, gross: amount };
  }
  const tax = roundHalfEven(amount * ppm, million);
  return { net: amount, tax, gross: amount + tax };
}

/** What a cart of lines owes in tax, and how it came to that line by line. */
export interface CartTax {
  subtotal: bigint;
  discountTotal: bigint;
  taxTotal: bigint;
  /** What is owed: subtotal − discounts, plus the tax when it is exclusive (inclusive tax is inside). */
  total: bigint;
  /** Per line: its share of the discount, then net and tax of what is left of it. */
  perLine: { net: bigint; tax: bigint; discount: bigint }[];
}

/**
 * The tax of a cart. The discount (a positive total) is split over the charged lines in proportion
 * to their amounts (largest remainder, so the shares sum to it exactly), and each line is taxed on
 * what is left of it. A credit line (negative: unused time given back) takes no share and gives its
 * tax back. Without a rate there is no tax. So a discount never turns a line's tax negative, and
 * the tax of a cart without credits is never below zero.
 */
export function cartTax(
  lines: readonly { amount: bigint }[],
  discounts: bigint,
  rate: TaxRule | null,
): CartTax {
  const charged = lines.map((line) => (line.amount > 0n ? line.amount : 0n));
  const chargedTotal = charged.reduce((sum, amount) => sum + amount, 0n);
  if (discounts < 0n || discounts > chargedTotal)
    throw new RangeError(
      `The discount must be from 0 to the charged lines' ${chargedTotal}, not ${discounts}`,
    );
  // Nothing to split (also when no line is charged, where there are no proportions to split by).
  const shares =
    discounts === 0n
      ? lines.map(() => 0n)
      : allocate(
          { amount: discounts, currency: noCurrency },
          charged.map((amount) => Number(amount)),
        ).map((share) => share.amount);
  const perLine = lines.map((line, index) => {
    const discount = shares[index] ?? 0n;
    const taxed = rate ? taxForLine(line.amount - discount, rate) : { net: line.amount - discount, tax: 0n };
    return { net: taxed.net, tax: taxed.tax, discount };
  });
  const subtotal = lines.reduce((sum, line) => sum + line.amount, 0n);
  const taxTotal = perLine.reduce((sum, line) => sum + line.tax, 0n);
  const addedTax = rate && !rate.inclusive ? taxTotal : 0n;
  return { subtotal, discountTotal: discounts, taxTotal, total: subtotal - discounts + addedTax, perLine };
}
