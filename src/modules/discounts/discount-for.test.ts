import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discountFor, percentFromPpm, ppmFromPercent, type DiscountTerms } from './index.js';

const percent = (ppm: number): DiscountTerms => ({ percentOffPpm: ppm, amounts: [] });
const amounts = (byCurrency: Record<string, bigint>): DiscountTerms => ({
  percentOffPpm: null,
  amounts: Object.entries(byCurrency).map(([currency, amountOff]) => ({ currency, amountOff })),
});

const subtotalArb = fc.bigInt({ min: -(10n ** 6n), max: 10n ** 15n });
const termsArb: fc.Arbitrary<DiscountTerms> = fc.oneof(
  fc.integer({ min: 1, max: 1_000_000 }).map(percent),
  fc.bigInt({ min: 1n, max: 10n ** 15n }).map((off) => amounts({ EUR: off })),
);

describe('discountFor', () => {
  it('caps a fixed amount at the subtotal: 10 EUR off a 6 EUR invoice takes off 6', () => {
    expect(discountFor(amounts({ EUR: 1000n }), 'EUR', 600n)).toBe(600n);
    expect(discountFor(amounts({ EUR: 1000n }), 'EUR', 2500n)).toBe(1000n);
  });

  it('gives nothing in a currency the coupon has no amount in', () => {
    expect(discountFor(amounts({ EUR: 1000n }), 'USD', 2500n)).toBe(0n);
  });

  it('rounds a percentage half to even', () => {
    // 12.5 % of 1004 = 125.5 → 126 (even); of 1012 = 126.5 → 126 (even); of 1020 = 127.5 → 128.
    expect(discountFor(percent(125_000), 'USD', 1004n)).toBe(126n);
    expect(discountFor(percent(125_000), 'USD', 1012n)).toBe(126n);
    expect(discountFor(percent(125_000), 'USD', 1020n)).toBe(128n);
    expect(discountFor(percent(200_000), 'USD', 999n)).toBe(200n); // 199.8
  });

  it('never exceeds the subtotal and is never negative', () => {
    fc.assert(
      fc.property(termsArb, subtotalArb, (terms, subtotal) => {
        const off = discountFor(terms, 'EUR', subtotal);
        expect(off >= 0n).toBe(true);
        expect(off <= (subtotal > 0n ? subtotal : 0n)).toBe(true);
      }),
    );
  });

  it('takes off the whole subtotal at 100 %', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (subtotal) => {
        expect(discountFor(percent(1_000_000), 'JPY', subtotal)).toBe(subtotal);
      }),
    );
  });
});

describe('percentages in parts per million', () => {
  it('reads a decimal percent exactly and writes it back', () => {
    expect(ppmFromPercent('12.5')).toBe(125_000);
    expect(ppmFromPercent('100')).toBe(1_000_000);
    expect(ppmFromPercent('0.0001')).toBe(1);
    expect(ppmFromPercent('12.34567')).toBeUndefined();
    expect(ppmFromPercent('-5')).toBeUndefined();
    expect(percentFromPpm(125_000)).toBe('12.5');
    expect(percentFromPpm(1)).toBe('0.0001');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (ppm) => {
        expect(ppmFromPercent(percentFromPpm(ppm))).toBe(ppm);
      }),
    );
  });
});
