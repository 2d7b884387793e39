import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, currencyExponent, formatMoney, money, parseDecimal, toDecimalString } from './money.js';

describe('money', () => {
  it('knows ISO 4217 exponents', () => {
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('ISK')).toBe(0);
    expect(() => currencyExponent('XYZ')).toThrow(/Unknown currency/);
  });

  it('formats by locale exactly, without floating point', () => {
    expect(formatMoney(money(123456, 'USD'), 'en-US')).toBe('$1,234.56');
    expect(formatMoney(money(123456, 'EUR'), 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney(money(500, 'JPY'), 'ja-JP')).toBe('￥500');
    expect(formatMoney(money(1234, 'KWD'), 'en-US')).toBe('KWD\u00a01.234');
    expect(formatMoney(money(-5, 'USD'), 'en-US')).toBe('-$0.05');
    // 2^60 cents cannot be held by a double; the text must still be exact.
    expect(formatMoney(money(2n ** 60n, 'USD'), 'en-US')).toBe('$11,529,215,046,068,469.76');
  });

  it('parses what people type and refuses extra decimals', () => {
    expect(parseDecimal('12.3', 'USD')).toEqual({ amount: 1230n, currency: 'USD' });
    expect(parseDecimal('-0.05', 'USD').amount).toBe(-5n);
    expect(parseDecimal('500', 'JPY').amount).toBe(500n);
    expect(() => parseDecimal('1.234', 'USD')).toThrow(/not a valid USD amount/);
    expect(() => parseDecimal('5.5', 'JPY')).toThrow();
    expect(() => parseDecimal('1e3', 'USD')).toThrow();
  });

  it('round-trips decimal text for any amount', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.constantFrom('USD', 'JPY', 'KWD', 'CLF'),
        (amount, currency) => {
          const value = money(amount, currency);
          expect(parseDecimal(toDecimalString(value), currency)).toEqual(value);
        },
      ),
    );
  });

  it('allocates without losing or creating a minor unit', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.array(fc.nat(1000), { minLength: 1, maxLength: 12 }),
        (amount, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = allocate(money(amount, 'USD'), weights);
          expect(parts.reduce((sum, part) => sum + part.amount, 0n)).toBe(amount);
          weights.forEach((weight, index) => {
            if (weight === 0) expect(parts[index]?.amount).toBe(0n);
          });
        },
      ),
    );
    expect(allocate(money(100, 'USD'), [1, 1, 1]).map((part) => part.amount)).toEqual([34n, 33n, 33n]);
  });

  it('refuses fractional minor units', () => {
    expect(() => money(1.5, 'USD')).toThrow(/whole minor units/);
  });
});
