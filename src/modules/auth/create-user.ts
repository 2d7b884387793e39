import { z } from 'zod';
import { AppError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { hashPassword } from './password-hashing.js';
import type { RoleKey } from './roles.js';
import { users } from './schema.js';
import { auditSnapshot, staffUserColumns, type StaffUser } from './staff-user.js';
import { assertPasswordAllowed, emailField, nameField, passwordField, roleField } from './user-fields.js';

export const createUserInput = z.object({
  email: emailField,
  name: nameField,
  password: passwordField,
  role: roleField,
});

export type CreateUserInput = z.input<typeof createUserInput>;

/** Inserts a validated staff user and its audit row; callers hold the transaction. */
export async function insertUser(tx: DbOrTx, input: unknown, actor: Actor, now: Date): Promise<StaffUser> {
  const data = parseInput(createUserInput, input);
  assertPasswordAllowed(data.password, data.email);
  const passwordHash = await hashPassword(data.password);
  const inserted = await tx
    .insert(users)
    .values({
      email: data.email,
      name: data.name,
      passwordHash,
      roleKey: data.role,
      createdAt: now,
      updatedAt: now,
      passwordChangedAt: now,
    })
    .onConflictDoNothing() // the only unique key a new row can clash on is the email
    .returning(staffUserColumns);
  const user = inserted[0];
  if (!user) {
    throw new AppError('conflict', 'A user with this email already exists.', {
      fields: { email: 'is already in use' },
    });
  }
  const staff = { ...user, role: user.role as RoleKey };
  await recordAuditEvent(tx, {
    actor,
    action: 'user.created',
    entityType: 'user',
    entityId: staff.id,
    after: auditSnapshot(staff),
    at: now,
  });
  return staff;
}
