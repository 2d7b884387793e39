import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentToPpm, ppmToPercent } from './tax-percent.js';

describe('percent ⇄ parts per million', () => {
  it('reads percentages exactly, up to four decimals', () => {
    expect(percentToPpm('19')).toBe(190_000);
    expect(percentToPpm('8.875')).toBe(88_750);
    expect(percentToPpm(' 0.0001 ')).toBe(1);
    expect(percentToPpm('100')).toBe(1_000_000);
    expect(percentToPpm('0')).toBe(0);
  });

  it('refuses what is not such a number', () => {
    for (const text of ['abc', '', '8.87501', '-1', '1e2', '8,875', '.5', '1000'])
      expect(percentToPpm(text), text).toBeNull();
  });

  it('writes them back without trailing zeros', () => {
    expect(ppmToPercent(190_000)).toBe('19');
    expect(ppmToPercent(88_750)).toBe('8.875');
    expect(ppmToPercent(1)).toBe('0.0001');
    expect(ppmToPercent(0)).toBe('0');
  });

  it('round-trips every rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (ppm) => {
        expect(percentToPpm(ppmToPercent(ppm))).toBe(ppm);
      }),
    );
  });
});
