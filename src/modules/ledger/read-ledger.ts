import { asc, count, eq, sql } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { pageRows, type PageOf, type Paging } from '../../lib/db/keyset-cursor.js';
import { ledgerAccounts, ledgerEntries, ledgerLines } from './schema.js';

/**
 * An account's balance: the cache postEntry keeps for customer accounts, the sum of the lines for
 * operator accounts (which carry no cache; see postEntry). Zero for an account never used.
 */
const balanceColumn = sql<string>`(case when ledger_accounts.owner_kind = 'operator'
  then (select coalesce(sum(l.amount), 0) from ledger_lines l where l.account_id = ledger_accounts.id)
  else ledger_accounts.balance end)::text`;

export async function balanceOf(db: DbOrTx, accountKey: string): Promise<bigint> {
  const [row] = await db
    .select({ balance: balanceColumn })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.key, accountKey));
  return row ? BigInt(row.balance) : 0n;
}

export type LedgerAccount = typeof ledgerAccounts.$inferSelect;

/** One account by its key, with its balance; not found when it has never been used. */
export async function getAccount(db: DbOrTx, accountKey: string): Promise<LedgerAccount> {
  const [row] = await db
    .select({ account: ledgerAccounts, balance: balanceColumn })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.key, accountKey));
  if (!row) throw new AppError('not_found', 'No such ledger account.');
  return { ...row.account, balance: BigInt(row.balance) };
}

export interface AccountHistoryLine {
  lineId: number;
  entryId: string;
  kind: string;
  description: string;
  occurredAt: Date;
  amount: bigint;
  unit: string;
}

/** An account's lines, newest first, a page at a time by keyset ({cursor, limit}) or by page. */
export async function accountHistory<P extends Paging>(
  db: DbOrTx,
  accountKey: string,
  paging: P,
): Promise<PageOf<AccountHistoryLine, P>> {
  const [account] = await db
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.key, accountKey));
  // An account never used has no lines; the impossible id keeps the cursor checks the same.
  const accountId = account?.id ?? '00000000-0000-0000-0000-000000000000';
  const where = eq(ledgerLines.accountId, accountId);
  return pageRows<AccountHistoryLine, P>(paging, {
    keys: [{ column: ledgerLines.id, direction: 'desc' }],
    scope: { list: 'ledger_account_history', accountKey },
    where,
    rows: async (q) => {
      const rows = await db
        .select({
          lineId: ledgerLines.id,
          entryId: ledgerEntries.id,
          kind: ledgerEntries.kind,
          description: ledgerEntries.description,
          occurredAt: ledgerEntries.occurredAt,
          amount: ledgerLines.amount,
          unit: ledgerLines.unit,
          keys: q.keys,
        })
        .from(ledgerLines)
        .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
        .where(q.where)
        .orderBy(...q.orderBy)
        .limit(q.limit)
        .offset(q.offset);
      return rows.map(({ keys, ...row }) => ({ row, keys }));
    },
    count: async (w) => (await db.select({ total: count() }).from(ledgerLines).where(w))[0]?.total ?? 0,
  });
}

export interface TrialBalanceUnit {
  unit: string;
  accounts: { key: string; balance: bigint }[];
  /** The sum of the unit's balances: zero when the books balance. */
  total: bigint;
}

/** Every account's balance, grouped by unit, with each unit's total (which nets to zero). */
export async function trialBalance(db: DbOrTx): Promise<TrialBalanceUnit[]> {
  const rows = await db
    .select({ key: ledgerAccounts.key, unit: ledgerAccounts.unit, balance: balanceColumn })
    .from(ledgerAccounts)
    .orderBy(asc(ledgerAccounts.unit), asc(ledgerAccounts.key));
  const units = new Map<string, TrialBalanceUnit>();
  for (const row of rows) {
    let unit = units.get(row.unit);
    if (!unit) {
      unit = { unit: row.unit, accounts: [], total: 0n };
      units.set(row.unit, unit);
    }
    const balance = BigInt(row.balance);
    unit.accounts.push({ key: row.key, balance });
    unit.total += balance;
  }
  return [...units.values()];
}

export type LedgerDifference =
  | { kind: 'balance_mismatch'; accountKey: string; cached: bigint; fromLines: bigint; message: string }
  | { kind: 'unbalanced_entry'; entryId: string; unit: string; sum: bigint; message: string }
  | { kind: 'unit_mismatch'; entryId: string; accountKey: string; unit: string; message: string }
  | { kind: 'below_zero'; accountKey: string; balance: bigint; message: string };

export interface LedgerVerification {
  accounts: number;
  entries: number;
  differences: LedgerDifference[];
}

/**
 * Recomputes every customer account's balance from its lines and compares it with the cache, and checks that
 * every entry sums to zero per unit, that each line is in its account's unit and that no account
 * that may not go negative is. No differences: the books are whole.
 */
export async function verifyLedger(db: DbOrTx): Promise<LedgerVerification> {
  const differences: LedgerDifference[] = [];
  const mismatches = await db.execute<{ key: string; cached: string; from_lines: string }>(sql`
    select a.key, a.balance::text as cached, coalesce(sum(l.amount), 0)::text as from_lines
    from ${ledgerAccounts} a left join ${ledgerLines} l on l.account_id = a.id
    where a.owner_kind = 'customer'
    group by a.id, a.key, a.balance
    having a.balance <> coalesce(sum(l.amount), 0)
    order by a.key`);
  for (const row of mismatches.rows) {
    differences.push({
      kind: 'balance_mismatch',
      accountKey: row.key,
      cached: BigInt(row.cached),
      fromLines: BigInt(row.from_lines),
      message: `Account ${row.key}: cached balance ${row.cached}, its lines sum to ${row.from_lines}.`,
    });
  }
  const unbalanced = await db.execute<{ entry_id: string; unit: string; total: string }>(sql`
    select entry_id, unit, sum(amount)::text as total from ${ledgerLines}
    group by entry_id, unit having sum(amount) <> 0 order by entry_id, unit`);
  for (const row of unbalanced.rows) {
    differences.push({
      kind: 'unbalanced_entry',
      entryId: row.entry_id,
      unit: row.unit,
      sum: BigInt(row.total),
      message: `Entry ${row.entry_id}: its ${row.unit} lines sum to ${row.total}, not zero.`,
    });
  }
  const wrongUnits = await db.execute<{
    entry_id: string;
    key: string;
    unit: string;
    account_unit: string;
  }>(sql`
    select l.entry_id, a.key, l.unit, a.unit as account_unit
    from ${ledgerLines} l join ${ledgerAccounts} a on a.id = l.account_id
    where l.unit <> a.unit order by l.id`);
  for (const row of wrongUnits.rows) {
    differences.push({
      kind: 'unit_mismatch',
      entryId: row.entry_id,
      accountKey: row.key,
      unit: row.unit,
      message: `Entry ${row.entry_id}: a line in ${row.unit} on account ${row.key}, which is in ${row.account_unit}.`,
    });
  }
  const negative = await db
    .select({ key: ledgerAccounts.key, balance: ledgerAccounts.balance })
    .from(ledgerAccounts)
    .where(sql`not ${ledgerAccounts.allowNegative} and ${ledgerAccounts.balance} < 0`);
  for (const row of negative) {
    differences.push({
      kind: 'below_zero',
      accountKey: row.key,
      balance: row.balance,
      message: `Account ${row.key} may not go below zero but holds ${row.balance}.`,
    });
  }
  const [accounts] = await db.select({ n: count() }).from(ledgerAccounts);
  const [entries] = await db.select({ n: count() }).from(ledgerEntries);
  return { accounts: accounts?.n ?? 0, entries: entries?.n ?? 0, differences };
}
