import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTiers, planMonths, tierFor } from './tiers.js';

describe('tierFor', () => {
  it('picks the largest tier a plan length reaches (Casharr’s table)', () => {
    const days = (months: number) => tierFor(defaultTiers, months)?.amount;
    expect([0, 1, 2, 3, 5, 6, 11, 12, 24].map(days)).toEqual([
      undefined,
      '7',
      '7',
      '14',
      '14',
      '30',
      '30',
      '60',
      '60',
    ]);
  });

  it('never depends on the order the tiers are listed in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(defaultTiers), fc.integer({ min: 0, max: 240 }), (tiers, months) => {
        const sorted = [...tiers].sort((a, b) => a.months - b.months);
        expect(tierFor(tiers, months)).toBe(sorted.filter((tier) => tier.months <= months).at(-1));
      }),
    );
  });
});

describe('planMonths', () => {
  it('counts months and years, and nothing shorter', () => {
    expect(planMonths({ intervalUnit: 'month', intervalCount: 3 })).toBe(3);
    expect(planMonths({ intervalUnit: 'year', intervalCount: 1 })).toBe(12);
    expect(planMonths({ intervalUnit: 'week', intervalCount: 8 })).toBe(0);
    expect(planMonths({ intervalUnit: null, intervalCount: 1 })).toBe(0);
  });
});
