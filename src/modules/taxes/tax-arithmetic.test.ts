import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cartTax, taxForLine, taxRounding } from './tax-arithmetic.js';

const exclusive = (ratePpm: number) => ({ ratePpm, inclusive: false });
const inclusive = (ratePpm: number) => ({ ratePpm, inclusive: true });
const sum = (values: bigint[]) => values.reduce((total, value) => total + value, 0n);

describe('tax of one line', () => {
  it('adds an exclusive rate on top: 100.00 at 20 % is 20.00 tax, 120.00 in all', () => {
    expect(taxForLine(10000n, exclusive(200_000))).toEqual({ net: 10000n, tax: 2000n, gross: 12000n });
  });

  it('finds an inclusive rate inside the amount: 120.00 at 20 % is 100.00 + 20.00', () => {
    expect(taxForLine(12000n, inclusive(200_000))).toEqual({ net: 10000n, tax: 2000n, gross: 12000n });
  });

  it('rounds half to even: 0.05 at 10 % is 0.005 → 0.00; 0.15 → 0.015 → 0.02; 0.25 → 0.025 → 0.02', () => {
    expect(taxForLine(5n, exclusive(100_000)).tax).toBe(0n);
    expect(taxForLine(15n, exclusive(100_000)).tax).toBe(2n);
    expect(taxForLine(25n, exclusive(100_000)).tax).toBe(2n);
  });

  it('knows 0 % and 100 %', () => {
    expect(taxForLine(999n, exclusive(0))).toEqual({ net: 999n, tax: 0n, gross: 999n });
    expect(taxForLine(999n, exclusive(1_000_000))).toEqual({ net: 999n, tax: 999n, gross: 1998n });
    // 9.99 with 100 % inside: the net 4.995 rounds half to even to 5.00, leaving 4.99 of tax.
    expect(taxForLine(999n, inclusive(1_000_000))).toEqual({ net: 500n, tax: 499n, gross: 999n });
  });

  it('refuses a rate outside 0–100 %', () => {
    expect(() => taxForLine(100n, exclusive(1_000_001))).toThrow(RangeError);
    expect(() => taxForLine(100n, exclusive(-1))).toThrow(RangeError);
  });
});

describe(`the tax of a cart (${taxRounding})`, () => {
  it('three lines of 0.10 at 8.875 % exclusive: 0.008875 rounds to 0.01 on each line, 0.03 in all', () => {
    const totals = cartTax([{ amount: 10n }, { amount: 10n }, { amount: 10n }], 0n, exclusive(88_750));
    expect(totals.perLine.map((line) => line.tax)).toEqual([1n, 1n, 1n]);
    // Rounding the sum instead (0.30 × 8.875 % = 0.026625 → 0.03) happens to agree here; in general it does not.
    expect(totals).toMatchObject({ subtotal: 30n, taxTotal: 3n, total: 33n });
  });

  it('taxes each line, not the sum: three lines of 0.05 at 8.875 % owe no tax', () => {
    const totals = cartTax([{ amount: 5n }, { amount: 5n }, { amount: 5n }], 0n, exclusive(88_750));
    // Each line's tax is 0.0044375 → 0.00. Rounding the sum (0.15 × 8.875 % = 0.0133125) would give 0.01.
    expect(totals.perLine.map((line) => line.tax)).toEqual([0n, 0n, 0n]);
    expect(totals).toMatchObject({ subtotal: 15n, taxTotal: 0n, total: 15n });
  });

  it('splits a discount over the lines by their amounts and taxes what is left', () => {
    const totals = cartTax([{ amount: 3000n }, { amount: 1000n }], 1000n, exclusive(200_000));
    expect(totals.perLine).toEqual([
      { discount: 750n, net: 2250n, tax: 450n },
      { discount: 250n, net: 750n, tax: 150n },
    ]);
    expect(totals).toMatchObject({ subtotal: 4000n, discountTotal: 1000n, taxTotal: 600n, total: 3600n });
  });

  it('keeps inclusive tax inside the total', () => {
    const totals = cartTax([{ amount: 12000n }], 0n, inclusive(200_000));
    expect(totals).toMatchObject({ subtotal: 12000n, taxTotal: 2000n, total: 12000n });
    expect(totals.perLine).toEqual([{ discount: 0n, net: 10000n, tax: 2000n }]);
  });

  it('charges no tax without a rate, and takes an empty invoice', () => {
    expect(cartTax([{ amount: 500n }], 100n, null)).toMatchObject({ taxTotal: 0n, total: 400n });
    expect(cartTax([], 0n, exclusive(190_000))).toEqual({
      subtotal: 0n,
      discountTotal: 0n,
      taxTotal: 0n,
      total: 0n,
      perLine: [],
    });
  });

  it('refuses a discount above the charged lines or below zero', () => {
    expect(() => cartTax([{ amount: 100n }], 101n, null)).toThrow(RangeError);
    expect(() => cartTax([{ amount: 100n }], -1n, null)).toThrow(RangeError);
    expect(() => cartTax([{ amount: 100n }, { amount: -50n }], 101n, null)).toThrow(RangeError);
  });

  it('gives a credit line no share of the discount and its tax back', () => {
    // A month's charge of 100.00 and 40.00 of unused time credited, 10.00 off, at 20 % exclusive.
    const totals = cartTax([{ amount: 10000n }, { amount: -4000n }], 1000n, exclusive(200_000));
    expect(totals.perLine).toEqual([
      { discount: 1000n, net: 9000n, tax: 1800n },
      { discount: 0n, net: -4000n, tax: -800n },
    ]);
    expect(totals).toMatchObject({ subtotal: 6000n, discountTotal: 1000n, taxTotal: 1000n, total: 6000n });
  });

  it('never taxes a fully discounted cart: two lines of 0.05 with 0.10 off owe nothing at 8.875 %', () => {
    // Taxing the discount as a line of its own (−0.10 → −0.008875 → −0.01) would owe −0.01.
    const totals = cartTax([{ amount: 5n }, { amount: 5n }], 10n, exclusive(88_750));
    expect(totals).toMatchObject({ taxTotal: 0n, total: 0n });
  });

  const rate = fc.option(
    fc.record({
      ratePpm: fc.oneof(
        fc.constantFrom(0, 1_000_000, 88_750, 190_000),
        fc.integer({ min: 0, max: 1_000_000 }),
      ),
      inclusive: fc.boolean(),
    }),
    { nil: null },
  );
  const cart = fc
    .array(fc.bigInt({ min: 1n, max: 10n ** 9n }), { minLength: 1, maxLength: 20 })
    .chain((amounts) =>
      fc.record({
        lines: fc.constant(amounts.map((amount) => ({ amount }))),
        discount: fc.bigInt({ min: 0n, max: sum(amounts) }),
        rate,
      }),
    );

  it('always adds up exactly, never taxes below zero, and shares out the whole discount (no credits)', () => {
    fc.assert(
      fc.property(cart, ({ lines, discount, rate }) => {
        const totals = cartTax(lines, discount, rate);
        expect(totals.subtotal).toBe(sum(lines.map((line) => line.amount)));
        expect(totals.discountTotal).toBe(discount);
        expect(sum(totals.perLine.map((line) => line.discount))).toBe(discount);
        expect(totals.taxTotal).toBe(sum(totals.perLine.map((line) => line.tax)));
        const addedTax = rate && !rate.inclusive ? totals.taxTotal : 0n;
        expect(totals.subtotal - totals.discountTotal + addedTax).toBe(totals.total);
        totals.perLine.forEach((line, index) => {
          const left = lines[index]!.amount - line.discount;
          expect(line.tax).toBeGreaterThanOrEqual(0n);
          expect(line.discount).toBeGreaterThanOrEqual(0n);
          // Exclusive: the net is what is left and the tax comes on top; inclusive: both are inside it.
          expect(rate && !rate.inclusive ? line.net : line.net + line.tax).toBe(left);
        });
      }),
      { numRuns: 2000 },
    );
  });
});
