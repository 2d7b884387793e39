import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/app-error.js';
import { money, type Money } from '../../lib/money.js';
import type { Period } from './billing-period.js';
import { planChangeProration, prorate, roundHalfEven, splitPeriodCharge } from './proration.js';

const january: Period = { start: new Date('2027-01-01T00:00Z'), end: new Date('2027-01-31T00:00Z') };
const usd = (cents: number): Money => money(cents, 'USD');

/** The fields named by the validation error `run` throws. */
function failingFields(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation_failed')
      return Object.keys(error.fields ?? {});
    throw error;
  }
  throw new Error('expected a validation error');
}

const seconds = (from: Date, to: Date): bigint => BigInt((to.getTime() - from.getTime()) / 1000);

const amountArb = fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 10n ** 12n }));
const currencyArb = fc.constantFrom('USD', 'JPY', 'KWD');
const periodArb = fc
  .tuple(
    fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2090, 0, 1) / 1000 }),
    fc.integer({ min: 1, max: 400 * 86_400 }),
  )
  .map(([start, length]): Period => ({
    start: new Date(start * 1000),
    end: new Date((start + length) * 1000),
  }));
/** A period and instants inside it, in order, on whole seconds. */
const cutsArb = (period: Period, maxLength: number) =>
  fc
    .array(fc.integer({ min: 0, max: Number(seconds(period.start, period.end)) }), { maxLength })
    .map((offsets) => offsets.sort((a, b) => a - b).map((s) => new Date(period.start.getTime() + s * 1000)));

describe('proration', () => {
  it('rounds half to even, exactly', () => {
    expect(roundHalfEven(1n, 2n)).toBe(0n); // 0.5
    expect(roundHalfEven(3n, 2n)).toBe(2n); // 1.5
    expect(roundHalfEven(5n, 2n)).toBe(2n); // 2.5
    expect(roundHalfEven(-5n, 2n)).toBe(-2n); // -2.5
    expect(roundHalfEven(-3n, 2n)).toBe(-2n); // -1.5
    expect(roundHalfEven(5n, -2n)).toBe(-2n);
    expect(roundHalfEven(5n, 3n)).toBe(2n);
    expect(roundHalfEven(-5n, 3n)).toBe(-2n);
    expect(roundHalfEven(10n ** 30n + 1n, 2n)).toBe(10n ** 30n / 2n);
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (n, d) => {
          const q = roundHalfEven(n, d);
          const error = 2n * (q * d - n);
          expect(error <= d && -error <= d).toBe(true);
          if (error === d || -error === d) expect(q % 2n).toBe(0n);
        },
      ),
    );
  });

  it("holds Stripe's example: $10 → $20 at the middle of the period nets +$5", () => {
    const middle = new Date('2027-01-16T00:00Z');
    expect(planChangeProration(usd(1000), usd(2000), january, middle)).toEqual({
      credit: usd(500),
      charge: usd(1000),
      net: usd(500),
    });
    expect(planChangeProration(usd(2000), usd(1000), january, middle).net).toEqual(usd(-500));
  });

  it('prorates to the second', () => {
    const tenDays = new Date('2027-01-11T00:00Z');
    expect(prorate(usd(1000), january, january.start, tenDays)).toEqual(usd(333));
    expect(prorate(money(1000, 'JPY'), january, tenDays, january.end)).toEqual(money(667, 'JPY'));
    // Milliseconds are dropped: the same second prorates the same.
    expect(prorate(usd(1000), january, new Date(january.start.getTime() + 999), tenDays)).toEqual(usd(333));
    expect(prorate(usd(1000), january, tenDays, tenDays)).toEqual(usd(0));
  });

  it('charges the whole amount for the whole period', () => {
    fc.assert(
      fc.property(amountArb, currencyArb, periodArb, (amount, currency, period) => {
        expect(prorate(money(amount, currency), period, period.start, period.end)).toEqual(
          money(amount, currency),
        );
      }),
    );
  });

  it('splits a period so the parts add up exactly, each within one minor unit of its share', () => {
    const caseArb = periodArb.chain((period) => fc.tuple(fc.constant(period), cutsArb(period, 8)));
    fc.assert(
      fc.property(amountArb, currencyArb, caseArb, (amount, currency, [period, cuts]) => {
        const price = money(amount, currency);
        const parts = splitPeriodCharge(price, period, cuts);
        expect(parts).toHaveLength(cuts.length + 1);
        expect(parts.reduce((sum, part) => sum + part.amount, 0n)).toBe(amount);
        const total = seconds(period.start, period.end);
        const bounds = [period.start, ...cuts, period.end];
        parts.forEach((part, i) => {
          const [from, to] = [bounds[i] ?? period.start, bounds[i + 1] ?? period.end];
          expect(part.currency).toBe(currency);
          expect(part).toEqual(prorate(price, period, from, to));
          // |part − amount × segment / total| <= 1, multiplied through by total.
          const error = part.amount * total - amount * seconds(from, to);
          expect(error <= total && -error <= total).toBe(true);
        });
      }),
    );
  });

  it('bills exactly what was used over any sequence of plan changes', () => {
    const caseArb = periodArb.chain((period) =>
      cutsArb(period, 6).chain((changes) =>
        fc.tuple(
          fc.constant(period),
          fc.constant(changes),
          fc.array(amountArb, { minLength: changes.length + 1, maxLength: changes.length + 1 }),
        ),
      ),
    );
    fc.assert(
      fc.property(currencyArb, caseArb, (currency, [period, changes, amounts]) => {
        const prices = amounts.map((amount) => money(amount, currency));
        // Paid the first price up front, then each change's net.
        let billed = prices[0]?.amount ?? 0n;
        changes.forEach((at, i) => {
          billed += planChangeProration(prices[i] ?? usd(0), prices[i + 1] ?? usd(0), period, at).net.amount;
        });
        const bounds = [period.start, ...changes, period.end];
        const used = prices.reduce(
          (sum, price, i) =>
            sum + prorate(price, period, bounds[i] ?? period.start, bounds[i + 1] ?? period.end).amount,
          0n,
        );
        expect(billed).toBe(used);
      }),
    );
  });

  it('refuses bad input with the field at fault', () => {
    const middle = new Date('2027-01-16T00:00Z');
    const february = new Date('2027-02-01T00:00Z');
    expect(failingFields(() => prorate(usd(1000), january, middle, january.start))).toEqual(['from']);
    expect(failingFields(() => prorate(usd(1000), january, middle, february))).toEqual(['to']);
    expect(failingFields(() => prorate(usd(1000), january, new Date('2026-12-31T00:00Z'), middle))).toEqual([
      'from',
    ]);
    expect(failingFields(() => prorate(usd(1000), { start: middle, end: middle }, middle, middle))).toEqual([
      'end',
    ]);
    expect(failingFields(() => planChangeProration(usd(1000), money(2000, 'EUR'), january, middle))).toEqual([
      'newPrice',
    ]);
    expect(failingFields(() => planChangeProration(usd(1000), usd(2000), january, february))).toEqual(['at']);
    expect(failingFields(() => splitPeriodCharge(usd(1000), january, [middle, january.start]))).toEqual([
      'cutPoints.1',
    ]);
    expect(failingFields(() => splitPeriodCharge(usd(1000), january, [new Date(Number.NaN)]))).toEqual([
      'cutPoints.0',
    ]);
  });
});
