/** A rate is kept in parts per million: 1 % is 10,000 ppm, so four decimals of a percent are exact. */
export const ppmPerPercent = 10_000;

/** The largest rate: 100 %, i.e. one million parts per million. */
export const maxRatePpm = 100 * ppmPerPercent;

/** "8.875" (at most four decimals) → 88750; null when the text is not such a number. */
export function percentToPpm(text: string): number | null {
  const match = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * ppmPerPercent + Number((match[2] ?? '').padEnd(4, '0'));
}

/** 88750 → "8.875", 190000 → "19": the percent without trailing zeros. */
export function ppmToPercent(ppm: number): string {
  const whole = Math.trunc(ppm / ppmPerPercent);
  const fraction = String(ppm % ppmPerPercent)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}
