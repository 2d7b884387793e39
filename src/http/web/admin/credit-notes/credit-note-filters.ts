import type { DbOrTx } from '../../../../lib/db/database.js';
import {
  creditNoteOutcomes,
  creditNoteReasons,
  type CreditNoteOutcome,
  type CreditNoteReason,
  type ListCreditNotesInput,
} from '../../../../modules/invoicing/index.js';
import {
  billingListInput,
  choiceFilter,
  parseBillingFilters,
  queryParams,
  type BillingFilters,
} from '../billing-filters.js';

/** The admin credit-note list's filters: the billing lists' own, the reason and the outcome. */
export interface CreditNoteFilters extends BillingFilters {
  reason: string;
  outcome: string;
}

export function parseCreditNoteFilters(raw: unknown): CreditNoteFilters {
  const params = queryParams(raw);
  return {
    reason: choiceFilter(params, 'reason', creditNoteReasons),
    outcome: choiceFilter(params, 'outcome', creditNoteOutcomes),
    ...parseBillingFilters(params),
  };
}

/** The list query the filters mean. */
export async function creditNoteListInput(
  db: DbOrTx,
  filters: CreditNoteFilters,
): Promise<ListCreditNotesInput> {
  return {
    ...(await billingListInput(db, filters)),
    reason: (filters.reason || undefined) as CreditNoteReason | undefined,
    outcome: (filters.outcome || undefined) as CreditNoteOutcome | undefined,
  };
}
