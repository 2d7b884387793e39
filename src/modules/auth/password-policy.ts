import { readFileSync } from 'node:fs';

// NIST SP 800-63B style: a length floor, a generous ceiling, no composition rules, and a deny
// list of the most common passwords. The ceiling only bounds hashing work; nothing is truncated.
export const minimumPasswordLength = 12;
export const maximumPasswordLength = 1024;

let commonPasswords: Set<string> | undefined;

function loadCommonPasswords(): Set<string> {
  commonPasswords ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter(Boolean),
  );
  return commonPasswords;
}

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | undefined {
  const length = [...password].length; // code points, so non-Latin passwords count fairly
  if (length < minimumPasswordLength) return `must be at least ${minimumPasswordLength} characters`;
  if (length > maximumPasswordLength) return `must be at most ${maximumPasswordLength} characters`;
  const lowered = password.toLowerCase();
  if (loadCommonPasswords().has(lowered)) return 'is one of the most common passwords; choose another';
  if (email && lowered === email.toLowerCase()) return 'must not be your email address';
  return undefined;
}
