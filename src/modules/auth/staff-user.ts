import { users } from './schema.js';
import type { RoleKey } from './roles.js';

/** A staff account as shown to other code: never includes the password hash. */
export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: RoleKey;
  theme: 'light' | 'dark' | null;
  createdAt: Date;
  lastLoginAt: Date | null;
  disabledAt: Date | null;
}

export const staffUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.roleKey,
  theme: users.theme,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
  disabledAt: users.disabledAt,
};

/** The audit snapshot of a user: what changed matters, secrets never appear. */
export function auditSnapshot(user: Pick<StaffUser, 'email' | 'name' | 'role' | 'disabledAt'>) {
  return { email: user.email, name: user.name, role: user.role, disabled: user.disabledAt !== null };
}
