import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L or U/V: nothing that reads or is read aloud as something else.
const alphabet = '23456789ABCDEFGHJKMNPQRSTWXYZ';
const length = 8;

/** A fresh random code: 8 characters of 29, about 5 × 10^11 codes, so collisions are rare and retried. */
export function randomReferralCode(): string {
  let code = '';
  for (let i = 0; i < length; i++) code += alphabet[randomInt(alphabet.length)];
  return code;
}

/** A code as someone typed it, in the stored form: upper case, without spaces or dashes. */
export function normalizeReferralCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}
