import { asc, eq, inArray, sql } from 'drizzle-orm';
import { AppError, validationError, type FieldErrors } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { isUniqueViolation } from '../../lib/db/errors.js';
import { parseAccountKey, type AccountKeyParts } from './account-key.js';
import { ledgerAccounts, ledgerEntries, ledgerLines } from './schema.js';

export interface EntryLineInput {
  accountKey: string;
  /** Signed minor units (or credits): positive raises the account's balance, negative lowers it. */
  amount: bigint;
  unit: string;
}

export interface PostEntryInput {
  kind: string;
  description: string;
  lines: EntryLineInput[];
  /** When it happened; now by default. */
  occurredAt?: Date | undefined;
  /** What caused it; an entry with the same reference is posted once (the first one is answered). */
  sourceRef?: string | undefined;
  /**
   * Customer accounts this entry creates may go below zero (an overdraft the operator grants).
   * Operator accounts always may; existing accounts keep what they were created with.
   */
  allowNegativeForNewCustomerAccounts?: boolean | undefined;
}

export interface PostedEntry {
  id: string;
  kind: string;
  occurredAt: Date;
  /** False when `sourceRef` had been posted before and that entry is answered instead. */
  created: boolean;
  /** Each touched customer account's balance after the entry (operator balances are summed on read). */
  balances: Record<string, bigint>;
}

interface CheckedLine extends EntryLineInput {
  parts: AccountKeyParts;
}

/** The input's own faults (shape, units, sums), before any row is read; throws a validation error. */
function checkInput(input: PostEntryInput): CheckedLine[] {
  const fields: FieldErrors = {};
  if (!input.kind?.trim()) fields['kind'] = 'is required';
  if (typeof input.description !== 'string') fields['description'] = 'is required';
  if (!Array.isArray(input.lines) || input.lines.length === 0)
    fields['lines'] = 'must have at least one line';
  const checked: CheckedLine[] = [];
  const sums = new Map<string, bigint>();
  (input.lines ?? []).forEach((line, index) => {
    const parts = parseAccountKey(line.accountKey);
    if (!parts) {
      fields[`lines.${index}.accountKey`] =
        'is not an account key: customer:<uuid>:<purpose>:<unit> or operator:<purpose>:<unit>';
      return;
    }
    if (typeof line.amount !== 'bigint' || line.amount === 0n) {
      fields[`lines.${index}.amount`] = 'must be a whole non-zero amount';
      return;
    }
    if (line.unit !== parts.unit) {
      fields[`lines.${index}.unit`] = `is ${line.unit}, but account ${line.accountKey} is in ${parts.unit}`;
      return;
    }
    sums.set(line.unit, (sums.get(line.unit) ?? 0n) + line.amount);
    checked.push({ ...line, parts });
  });
  if (Object.keys(fields).length === 0) {
    const unbalanced = [...sums].filter(([, sum]) => sum !== 0n);
    if (unbalanced.length)
      fields['lines'] = `must sum to zero per unit; they sum to ${unbalanced
        .map(([unit, sum]) => `${sum} ${unit}`)
        .join(', ')}`;
  }
  if (Object.keys(fields).length) throw validationError(fields, 'This journal entry does not balance.');
  return checked;
}

async function existingEntry(tx: DbOrTx, sourceRef: string): Promise<PostedEntry | null> {
  const [entry] = await tx.select().from(ledgerEntries).where(eq(ledgerEntries.sourceRef, sourceRef));
  if (!entry) return null;
  const lines = await tx
    .select({ key: ledgerAccounts.key, balance: ledgerAccounts.balance })
    .from(ledgerLines)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerLines.accountId))
    .where(eq(ledgerLines.entryId, entry.id));
  return {
    id: entry.id,
    kind: entry.kind,
    occurredAt: entry.occurredAt,
    created: false,
    balances: Object.fromEntries(lines.map((line) => [line.key, line.balance])),
  };
}

/**
 * Posts one journal entry in the caller's transaction (inside a savepoint, so a refusal writes
 * nothing even when the caller carries on). Accounts are created on first use. The touched account
 * rows are locked in id order, so entries touching the same account serialise and two entries can
 * never wait on each other; an account that may not go negative and would is refused with
 * `insufficient_balance`.
 */
export async function postEntry(outer: DbOrTx, clock: Clock, input: PostEntryInput): Promise<PostedEntry> {
  const lines = checkInput(input);
  try {
    return await writeEntry(outer, clock, input, lines);
  } catch (error) {
    // The same source reference committed by another transaction while this one was writing: its
    // savepoint is rolled back, and the first entry is the answer, as it is for a later repeat.
    if (input.sourceRef !== undefined && isUniqueViolation(error)) {
      const first = await existingEntry(outer, input.sourceRef);
      if (first) return first;
    }
    throw error;
  }
}

async function writeEntry(
  outer: DbOrTx,
  clock: Clock,
  input: PostEntryInput,
  lines: CheckedLine[],
): Promise<PostedEntry> {
  return outer.transaction(async (tx) => {
    if (input.sourceRef !== undefined) {
      const before = await existingEntry(tx, input.sourceRef);
      if (before) return before;
    }
    const now = clock.now();
    const keys = [...new Set(lines.map((line) => line.accountKey))].sort();
    // Create missing accounts in key order, so two entries creating the same accounts cannot deadlock.
    await tx
      .insert(ledgerAccounts)
      .values(
        keys.map((key) => {
          const parts = lines.find((line) => line.accountKey === key)!.parts;
          return {
            key,
            ownerKind: parts.ownerKind,
            ownerId: parts.ownerId,
            purpose: parts.purpose,
            unit: parts.unit,
            allowNegative:
              parts.ownerKind === 'operator' || input.allowNegativeForNewCustomerAccounts === true,
            createdAt: now,
          };
        }),
      )
      .onConflictDoNothing({ target: ledgerAccounts.key });
    // Only customer accounts are locked and carry a cached balance. Operator accounts (revenue,
    // credits consumed …) take a line in nearly every entry; locking them would make every write in
    // Tollgate wait on one row, and they may go negative anyway, so their balance is summed on read.
    const customerKeys = keys.filter((key) => key.startsWith('customer:'));
    const operatorKeys = keys.filter((key) => !key.startsWith('customer:'));
    const accounts = [
      ...(customerKeys.length
        ? await tx
            .select()
            .from(ledgerAccounts)
            .where(inArray(ledgerAccounts.key, customerKeys))
            .orderBy(asc(ledgerAccounts.id))
            .for('update')
        : []),
      ...(operatorKeys.length
        ? await tx.select().from(ledgerAccounts).where(inArray(ledgerAccounts.key, operatorKeys))
        : []),
    ];
    const byKey = new Map(accounts.map((account) => [account.key, account]));

    const fields: FieldErrors = {};
    const change = new Map<string, bigint>();
    lines.forEach((line, index) => {
      const account = byKey.get(line.accountKey)!;
      if (account.unit !== line.unit)
        fields[`lines.${index}.unit`] = `is ${line.unit}, but account ${account.key} is in ${account.unit}`;
      change.set(account.key, (change.get(account.key) ?? 0n) + line.amount);
    });
    if (Object.keys(fields).length) throw validationError(fields, 'This journal entry does not balance.');
    const balances: Record<string, bigint> = {};
    for (const [key, delta] of change) {
      const account = byKey.get(key)!;
      if (account.ownerKind === 'operator') continue;
      const after = account.balance + delta;
      if (after < 0n && !account.allowNegative) {
        const index = lines.findIndex((line) => line.accountKey === key);
        throw new AppError(
          'insufficient_balance',
          `Account ${key} holds ${account.balance} ${account.unit}; this entry would take it to ${after}.`,
          {
            fields: {
              [`lines.${index}.amount`]: `would take ${key} below zero (it holds ${account.balance})`,
            },
          },
        );
      }
      balances[key] = after;
    }

    const [entry] = await tx
      .insert(ledgerEntries)
      .values({
        kind: input.kind.trim(),
        description: input.description,
        occurredAt: input.occurredAt ?? now,
        createdAt: now,
        sourceRef: input.sourceRef ?? null,
      })
      .returning();
    await tx.insert(ledgerLines).values(
      lines.map((line, index) => ({
        entryId: entry!.id,
        lineNo: index,
        accountId: byKey.get(line.accountKey)!.id,
        amount: line.amount,
        unit: line.unit,
      })),
    );
    for (const [key, delta] of change) {
      if (delta === 0n || byKey.get(key)!.ownerKind === 'operator') continue;
      await tx
        .update(ledgerAccounts)
        .set({ balance: sql`${ledgerAccounts.balance} + ${delta.toString()}::bigint` })
        .where(eq(ledgerAccounts.id, byKey.get(key)!.id));
    }
    return { id: entry!.id, kind: entry!.kind, occurredAt: entry!.occurredAt, created: true, balances };
  });
}

/**
 * Opens an account before its first entry, to say whether a customer account may go below zero.
 * An account that exists is answered as it is.
 */
export async function openAccount(
  db: DbOrTx,
  clock: Clock,
  input: { key: string; allowNegative?: boolean | undefined },
): Promise<{ id: string; key: string; unit: string; allowNegative: boolean }> {
  const parts = parseAccountKey(input.key);
  if (!parts)
    throw validationError({
      key: 'is not an account key: customer:<uuid>:<purpose>:<unit> or operator:<purpose>:<unit>',
    });
  await db
    .insert(ledgerAccounts)
    .values({
      key: input.key,
      ownerKind: parts.ownerKind,
      ownerId: parts.ownerId,
      purpose: parts.purpose,
      unit: parts.unit,
      allowNegative: parts.ownerKind === 'operator' || input.allowNegative === true,
      createdAt: clock.now(),
    })
    .onConflictDoNothing({ target: ledgerAccounts.key });
  const [account] = await db.select().from(ledgerAccounts).where(eq(ledgerAccounts.key, input.key));
  return { id: account!.id, key: account!.key, unit: account!.unit, allowNegative: account!.allowNegative };
}
