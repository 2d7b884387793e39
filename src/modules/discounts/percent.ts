/** Percentages are kept as parts per million: 12.5 % is 125000, 100 % is 1000000. */
export const ppmPerPercent = 10_000;
export const wholePpm = 1_000_000;

const decimalPercent = /^(\d{1,3})(?:\.(\d{1,4}))?$/;

/** "12.5" (a decimal percent, at most 4 decimals, exactly as typed) → 125000; undefined if it is no such number. */
export function ppmFromPercent(text: string): number | undefined {
  const match = decimalPercent.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * ppmPerPercent + Number((match[2] ?? '').padEnd(4, '0'));
}

/** 125000 → "12.5": the shortest decimal percent, no float in between. */
export function percentFromPpm(ppm: number): string {
  const whole = Math.floor(ppm / ppmPerPercent);
  const fraction = String(ppm % ppmPerPercent)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}
