import { z } from 'zod';
import type { DbOrTx } from '../../lib/db/database.js';
import type { PageOf, Paging } from '../../lib/db/keyset-cursor.js';
import { parseInput } from '../../lib/validation.js';
import { findCustomer } from '../customers/index.js';
import { ownerHistory, type OwnerHistoryEntry } from '../ledger/index.js';
import { creditUnitField } from './credit-fields.js';
import { creditSources } from './schema.js';

/** The kinds of ledger entry that move credits: a grant per source, then what takes them away. */
export const creditEntryKinds = [
  ...creditSources.map((source) => `credits.${source}` as const),
  'credits.consumed',
  'credits.deducted',
  'credits.expired',
  'credits.forfeited',
  'credits.revoked',
] as const;
export type CreditEntryKind = (typeof creditEntryKinds)[number];

// Every grant's account is `customer:<id>:lot_<grant>:<unit>` (grantAccountKey).
const grantPurposePrefix = 'lot_';
const dayMs = 86_400_000;

// Filters arrive as query text: an empty one (a form's blank field) is no filter.
const blankIsNone = (value: unknown) => (value === '' ? undefined : value);

const dayField = z.preprocess(
  blankIsNone,
  z
    .string()
    .trim()
    .refine(
      (text) =>
        /^\d{4}-\d{2}-\d{2}$/.test(text) &&
        new Date(Date.parse(`${text}T00:00:00Z`) || 0).toISOString().startsWith(text),
      'must be a day as YYYY-MM-DD',
    )
    .transform((text) => new Date(`${text}T00:00:00Z`))
    .optional(),
);

const historyFilters = z
  .object({
    unit: creditUnitField,
    kind: z.preprocess(
      blankIsNone,
      z.enum(creditEntryKinds, { error: `must be one of ${creditEntryKinds.join(', ')}` }).optional(),
    ),
    from: dayField,
    to: dayField,
  })
  .refine((filters) => !filters.from || !filters.to || filters.from <= filters.to, {
    path: ['to'],
    message: 'must be the same day as from or later',
  });

/** A customer's credit history filters as typed: days are YYYY-MM-DD (UTC), both included. */
export interface CreditHistoryFilters {
  unit?: string | undefined;
  kind?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** One movement of a customer's credits: a ledger entry, net over all the grants it touched. */
export type CreditMovement = OwnerHistoryEntry;

export interface CreditHistory {
  unit: string;
  /** A page of movements, newest first, by number or by cursor. */
  page<P extends Paging>(paging: P): Promise<PageOf<CreditMovement, P>>;
}

/**
 * A customer's credit movements in one unit. The filters are checked and the customer found
 * before any page is read, so a CSV export refuses bad filters before it starts streaming.
 */
export async function creditHistory(
  db: DbOrTx,
  customerId: string,
  input: CreditHistoryFilters,
): Promise<CreditHistory> {
  const filters = parseInput(historyFilters, input);
  const customer = await findCustomer(db, customerId);
  const query = {
    ownerId: customer.id,
    purposePrefix: grantPurposePrefix,
    unit: filters.unit,
    kind: filters.kind,
    from: filters.from,
    // The "to" day is included: before the start of the next day.
    to: filters.to && new Date(filters.to.getTime() + dayMs),
  };
  return {
    unit: filters.unit,
    page: (paging) => ownerHistory(db, { ...query, ...paging }),
  };
}
