import type { CreditNoteOutcome } from '../../../../modules/invoicing/index.js';
import { creditNoteOutcomeLabels, creditNoteReasonLabels } from '../../../credit-note-document.js';
import { Badge } from '../../components/detail.js';

// A refund sends money out; a balance keeps it with the customer.
const outcomeBadgeKinds: Record<CreditNoteOutcome, string> = {
  refund: 'warn',
  customer_balance: 'info',
};

export function CreditNoteOutcomeBadge(props: { outcome: CreditNoteOutcome }) {
  return <Badge kind={outcomeBadgeKinds[props.outcome]}>{creditNoteOutcomeLabels[props.outcome]}</Badge>;
}

/** The reasons and outcomes as select options, in the module's order. */
export const reasonOptions = Object.entries(creditNoteReasonLabels).map(([value, label]) => ({
  value,
  label,
}));
export const outcomeOptions = Object.entries(creditNoteOutcomeLabels).map(([value, label]) => ({
  value,
  label,
}));
