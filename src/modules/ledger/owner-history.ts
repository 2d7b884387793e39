import { and, countDistinct, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { pageRows, type PageOf, type Paging } from '../../lib/db/keyset-cursor.js';
import { ledgerAccounts, ledgerEntries, ledgerLines } from './schema.js';

export interface OwnerHistoryInput {
  /** The customer whose accounts are read. */
  ownerId: string;
  /** Only accounts whose purpose starts with this, e.g. `lot_` for the credit grants. */
  purposePrefix: string;
  unit: string;
  kind?: string | undefined;
  /** Occurred at or after / before. */
  from?: Date | undefined;
  to?: Date | undefined;
}

/** One entry as the owner sees it: what its lines on the owner's matching accounts add up to. */
export interface OwnerHistoryEntry {
  entryId: string;
  kind: string;
  description: string;
  occurredAt: Date;
  /** The net change on those accounts; 0 when the entry only moved amounts between them. */
  amount: bigint;
}

/**
 * One owner's entries on a family of accounts (every grant of credits has its own account), newest
 * first, one row per entry however many of those accounts it touched.
 */
export async function ownerHistory<P extends Paging>(
  db: DbOrTx,
  input: OwnerHistoryInput & P,
): Promise<PageOf<OwnerHistoryEntry, P>> {
  const conditions: (SQL | undefined)[] = [
    eq(ledgerAccounts.ownerKind, 'customer'),
    eq(ledgerAccounts.ownerId, input.ownerId),
    eq(ledgerAccounts.unit, input.unit),
    // starts_with, not LIKE: a prefix such as `lot_` holds LIKE's wildcard `_`.
    sql`starts_with(${ledgerAccounts.purpose}, ${input.purposePrefix})`,
    input.kind === undefined ? undefined : eq(ledgerEntries.kind, input.kind),
    input.from === undefined ? undefined : gte(ledgerEntries.occurredAt, input.from),
    input.to === undefined ? undefined : lt(ledgerEntries.occurredAt, input.to),
  ];
  return pageRows<OwnerHistoryEntry, P>(input, {
    keys: [
      { column: ledgerEntries.occurredAt, direction: 'desc' },
      { column: ledgerEntries.id, direction: 'desc' },
    ],
    scope: {
      list: 'ledger_owner_history',
      ownerId: input.ownerId,
      purposePrefix: input.purposePrefix,
      unit: input.unit,
      kind: input.kind,
      from: input.from?.toISOString(),
      to: input.to?.toISOString(),
    },
    where: and(...conditions),
    rows: async (q) => {
      const rows = await db
        .select({
          entryId: ledgerEntries.id,
          kind: ledgerEntries.kind,
          description: ledgerEntries.description,
          occurredAt: ledgerEntries.occurredAt,
          amount: sql<string>`sum(${ledgerLines.amount})::text`,
          keys: q.keys,
        })
        .from(ledgerLines)
        .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerLines.accountId))
        .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
        .where(q.where)
        .groupBy(ledgerEntries.id)
        .orderBy(...q.orderBy)
        .limit(q.limit)
        .offset(q.offset);
      return rows.map(({ keys, amount, ...row }) => ({ row: { ...row, amount: BigInt(amount) }, keys }));
    },
    count: async (where) =>
      (
        await db
          .select({ total: countDistinct(ledgerLines.entryId) })
          .from(ledgerLines)
          .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerLines.accountId))
          .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
          .where(where)
      )[0]?.total ?? 0,
  });
}
