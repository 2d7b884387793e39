import { eq, sql } from 'drizzle-orm';
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
 * Posts one journal entry in the caller's transaction. Accounts are created on first use. The
 * touched customer account rows are locked in id order, so entries touching the same account
 * serialise and two entries can never wait on each other; an account that may not go negative and
 * would is refused with `insufficient_balance` — before anything is written, so a refusal writes
 * nothing even when the caller carries on. An entry with a `sourceRef` is written inside a savepoint:
 * the same reference committed meanwhile by another transaction then rolls back only this entry.
 */
export async function postEntry(outer: DbOrTx, clock: Clock, input: PostEntryInput): Promise<PostedEntry> {
  const lines = checkInput(input);
  if (input.sourceRef === undefined) return writeEntry(outer, clock, input, lines);
  const sourceRef = input.sourceRef;
  try {
    return await outer.transaction(async (tx) => {
      const before = await existingEntry(tx, sourceRef);
      return before ?? (await writeEntry(tx, clock, input, lines));
    });
  } catch (error) {
    // The same source reference committed by another transaction while this one was writing: its
    // savepoint is rolled back, and the first entry is the answer, as it is for a later repeat.
    if (isUniqueViolation(error)) {
      const first = await existingEntry(outer, sourceRef);
      if (first) return first;
    }
    throw error;
  }
}

type AccountRow = typeof ledgerAccounts.$inferSelect;

/**
 * The touched accounts in one round trip: customer rows locked in id order (read after the lock, so
 * their balances are current), operator rows read without a lock (their cached balance is unused).
 */
async function lockedAccounts(tx: DbOrTx, keys: readonly string[]): Promise<AccountRow[]> {
  const customerKeys = keys.filter((key) => key.startsWith('customer:'));
  const operatorKeys = keys.filter((key) => !key.startsWith('customer:'));
  const { rows } = await tx.execute<{
    id: string;
    key: string;
    owner_kind: string;
    owner_id: string | null;
    purpose: string;
    unit: string;
    allow_negative: boolean;
    balance: string;
    created_at: string;
  }>(sql`
    WITH locked AS (
      SELECT * FROM ledger_accounts WHERE key = ANY(${sql.param(customerKeys)}::text[]) ORDER BY id FOR UPDATE
    )
    SELECT * FROM locked
    UNION ALL
    SELECT * FROM ledger_accounts WHERE key = ANY(${sql.param(operatorKeys)}::text[])`);
  return rows.map((row) => ({
    id: row.id,
    key: row.key,
    ownerKind: row.owner_kind,
    ownerId: row.owner_id,
    purpose: row.purpose,
    unit: row.unit,
    allowNegative: row.allow_negative,
    balance: BigInt(row.balance),
    createdAt: new Date(row.created_at),
  }));
}

async function writeEntry(
  tx: DbOrTx,
  clock: Clock,
  input: PostEntryInput,
  lines: CheckedLine[],
): Promise<PostedEntry> {
  const now = clock.now();
  const keys = [...new Set(lines.map((line) => line.accountKey))].sort();
  const partsOf = (key: string) => lines.find((line) => line.accountKey === key)!.parts;
  let accounts = await lockedAccounts(tx, keys);
  const missing = keys.filter((key) => !accounts.some((account) => account.key === key));
  // Accounts not created yet count as empty ones with the settings they would get, so a refusal
  // is known before they are written.
  const planned = missing.map((key) => ({
    key,
    unit: partsOf(key).unit,
    ownerKind: partsOf(key).ownerKind,
    allowNegative:
      partsOf(key).ownerKind === 'operator' || input.allowNegativeForNewCustomerAccounts === true,
    balance: 0n,
  }));
  const balances = checkBalances(lines, [...accounts, ...planned]);
  if (missing.length > 0) {
    // Created in key order, so two entries creating the same accounts cannot deadlock; then locked
    // like the rest (another entry may have created and used one meanwhile: checked again).
    await tx
      .insert(ledgerAccounts)
      .values(
        planned.map((account) => ({
          key: account.key,
          ownerKind: account.ownerKind,
          ownerId: partsOf(account.key).ownerId,
          purpose: partsOf(account.key).purpose,
          unit: account.unit,
          allowNegative: account.allowNegative,
          createdAt: now,
        })),
      )
      .onConflictDoNothing({ target: ledgerAccounts.key });
    accounts = await lockedAccounts(tx, keys);
    Object.assign(balances, checkBalances(lines, accounts));
  }
  const byKey = new Map(accounts.map((account) => [account.key, account]));
  const occurredAt = input.occurredAt ?? now;
  const cached = Object.entries(balances).map(([key, after]) => ({
    id: byKey.get(key)!.id,
    delta: after - byKey.get(key)!.balance,
  }));
  // The entry, its lines and the cached balances in one statement: one round trip however many lines.
  const { rows } = await tx.execute<{ id: string }>(sql`
    WITH entry AS (
      INSERT INTO ledger_entries (kind, description, occurred_at, created_at, source_ref)
      VALUES (${input.kind.trim()}, ${input.description}, ${occurredAt.toISOString()}::timestamptz,
              ${now.toISOString()}::timestamptz, ${input.sourceRef ?? null})
      RETURNING id
    ), written_lines AS (
      INSERT INTO ledger_lines (entry_id, line_no, account_id, amount, unit)
      SELECT entry.id, v.line_no, v.account_id, v.amount, v.unit
      FROM entry, unnest(
        ${sql.param(lines.map((_, index) => index))}::int[],
        ${sql.param(lines.map((line) => byKey.get(line.accountKey)!.id))}::uuid[],
        ${sql.param(lines.map((line) => line.amount.toString()))}::bigint[],
        ${sql.param(lines.map((line) => line.unit))}::text[]
      ) AS v(line_no, account_id, amount, unit)
    ), cached AS (
      UPDATE ledger_accounts AS a SET balance = a.balance + v.delta
      FROM unnest(
        ${sql.param(cached.map((row) => row.id))}::uuid[], ${sql.param(cached.map((row) => row.delta.toString()))}::bigint[]
      ) AS v(id, delta)
      WHERE a.id = v.id AND v.delta <> 0
    )
    SELECT id FROM entry`);
  const id = rows[0]?.id;
  if (!id) throw new Error('insert returned no row');
  return { id, kind: input.kind.trim(), occurredAt, created: true, balances };
}

/**
 * Each customer account's balance after the entry; refuses a line on an account of another unit,
 * or taking an account that may not go negative below zero.
 */
function checkBalances(
  lines: CheckedLine[],
  accounts: readonly Pick<AccountRow, 'key' | 'unit' | 'ownerKind' | 'allowNegative' | 'balance'>[],
): Record<string, bigint> {
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
  return balances;
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
