import { z } from 'zod';
import { validationError } from '../../lib/app-error.js';
import { passwordProblem } from './password-policy.js';
import { roleKeys } from './roles.js';

export const emailField = z
  .string({ error: 'is required' })
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email({ error: 'must be a valid email address' }));

export const nameField = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(120, 'must be at most 120 characters');

export const roleField = z.enum(roleKeys, { error: `must be one of ${roleKeys.join(', ')}` });

export const passwordField = z.string({ error: 'is required' });

/** Refuses a password that breaks the policy, naming the field it came from. */
export function assertPasswordAllowed(password: string, email: string | undefined, field = 'password'): void {
  const problem = passwordProblem(password, email);
  if (problem) throw validationError({ [field]: `Password ${problem}` });
}
