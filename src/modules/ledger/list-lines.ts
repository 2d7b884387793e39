import { and, asc, count, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { pageRows, type PageOf, type Paging } from '../../lib/db/keyset-cursor.js';
import { isUuid } from '../../lib/ids.js';
import type { AccountHistoryLine } from './read-ledger.js';
import { ledgerAccounts, ledgerEntries, ledgerLines } from './schema.js';

export interface OwnerLinesFilter {
  /** The customer whose accounts are read. */
  ownerId: string;
  /** Which of the customer's accounts: `balance`, `credits` … */
  purpose: string;
  /** One unit (currency) only. */
  unit?: string | undefined;
  /** Entries of this kind only. */
  kind?: string | undefined;
  /** Entries that happened at or after / before. */
  from?: Date | undefined;
  to?: Date | undefined;
}

// Matches no account: a customer id that is not a uuid finds nothing instead of failing the cast.
const none = '00000000-0000-0000-0000-000000000000';

/**
 * The lines of one customer's accounts of one purpose (all its currencies unless one is named),
 * newest first, filtered by entry kind and date, by keyset or by page.
 */
export async function ownerLines<P extends Paging>(
  db: DbOrTx,
  input: OwnerLinesFilter & P,
): Promise<PageOf<AccountHistoryLine, P>> {
  const conditions: (SQL | undefined)[] = [
    eq(ledgerAccounts.ownerId, isUuid(input.ownerId) ? input.ownerId : none),
    eq(ledgerAccounts.purpose, input.purpose),
    input.unit ? eq(ledgerAccounts.unit, input.unit) : undefined,
    input.kind ? eq(ledgerEntries.kind, input.kind) : undefined,
    input.from ? gte(ledgerEntries.occurredAt, input.from) : undefined,
    input.to ? lt(ledgerEntries.occurredAt, input.to) : undefined,
  ];
  return pageRows<AccountHistoryLine, P>(input, {
    keys: [{ column: ledgerLines.id, direction: 'desc' }],
    scope: {
      list: 'ledger_owner_lines',
      ownerId: input.ownerId,
      purpose: input.purpose,
      unit: input.unit,
      kind: input.kind,
      from: input.from?.toISOString(),
      to: input.to?.toISOString(),
    },
    where: and(...conditions),
    rows: async (q) =>
      (
        await db
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
          .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerLines.accountId))
          .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
          .where(q.where)
          .orderBy(...q.orderBy)
          .limit(q.limit)
          .offset(q.offset)
      ).map(({ keys, ...row }) => ({ row, keys })),
    count: async (where) =>
      (
        await db
          .select({ total: count() })
          .from(ledgerLines)
          .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerLines.accountId))
          .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
          .where(where)
      )[0]?.total ?? 0,
  });
}

/** The balances of one customer's accounts of one purpose, by unit (accounts never used are left out). */
export async function ownerBalances(
  db: DbOrTx,
  ownerId: string,
  purpose: string,
): Promise<{ unit: string; balance: bigint }[]> {
  if (!isUuid(ownerId)) return [];
  return db
    .select({ unit: ledgerAccounts.unit, balance: ledgerAccounts.balance })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.ownerId, ownerId), eq(ledgerAccounts.purpose, purpose)))
    .orderBy(asc(ledgerAccounts.unit));
}

/** The entry kinds that ever moved one customer's accounts of one purpose, for a history's filter. */
export async function ownerKinds(db: DbOrTx, ownerId: string, purpose: string): Promise<string[]> {
  if (!isUuid(ownerId)) return [];
  const rows = await db
    .selectDistinct({ kind: ledgerEntries.kind })
    .from(ledgerLines)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerLines.accountId))
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
    .where(and(eq(ledgerAccounts.ownerId, ownerId), eq(ledgerAccounts.purpose, purpose)))
    .orderBy(asc(ledgerEntries.kind));
  return rows.map((row) => row.kind);
}
