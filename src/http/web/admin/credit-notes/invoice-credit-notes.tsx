import type { CreditNote, InvoiceWithLines } from '../../../../modules/invoicing/index.js';
import { creditNoteReasonLabels } from '../../../credit-note-document.js';
import { Card } from '../../components/detail.js';
import {
  Field,
  FormAlert,
  PostForm,
  SelectField,
  TextAreaField,
  type FormState,
} from '../../components/form.js';
import { formatDate } from '../../format.js';
import { invoiceMoney } from '../invoices/invoice-labels.js';
import { creditableLines, lineCreditField } from './credit-note-form-values.js';
import { CreditNoteOutcomeBadge, outcomeOptions, reasonOptions } from './credit-note-labels.js';

interface CardProps {
  invoice: InvoiceWithLines;
  notes: CreditNote[];
  /** How much can still be credited; 0 when the invoice cannot be credited at all. */
  creditable: bigint;
  /** Whether the person looking may issue credit notes. */
  canIssue: boolean;
  csrfToken: string;
  form: FormState;
  locale: string;
}

function NotesTable(props: CardProps) {
  return (
    <div class="table-scroll">
      <table id="invoice-credit-notes">
        <tbody>
          {props.notes.map((note) => (
            <tr>
              <td data-label="Number" class="nowrap">
                <a href={`/admin/credit-notes/${note.id}`}>{note.number}</a>
              </td>
              <td data-label="Reason">{creditNoteReasonLabels[note.reason]}</td>
              <td data-label="Outcome">
                <CreditNoteOutcomeBadge outcome={note.outcome} />
              </td>
              <td data-label="Amount" class="nowrap">
                {invoiceMoney(note.amount, note.currency, props.locale)}
              </td>
              <td data-label="Created" class="nowrap">
                {formatDate(note.createdAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const choose = { value: '', label: 'Choose…' };

function IssueForm(props: CardProps) {
  const { invoice, form } = props;
  const money = (amount: bigint) => invoiceMoney(amount, invoice.currency, props.locale);
  return (
    <div id="invoice-credit" class="form-anchor">
      <h4>Issue credit note</h4>
      <FormAlert message={form.message} />
      <PostForm
        action={`/admin/invoices/${invoice.id}/credit-notes#invoice-credit`}
        csrfToken={props.csrfToken}
      >
        <p class="hint">
          Up to {money(props.creditable)} can still be credited. Before payment a credit lowers what is due;
          what was already paid is refunded or kept as the customer's balance.
        </p>
        <Field
          label="Amount"
          name="amount"
          form={form}
          hint={`A lump sum in ${invoice.currency}, e.g. 12.50 — or credit lines below`}
        />
        <fieldset class="stack">
          <legend>Or per line</legend>
          <div class="form-row">
            {creditableLines(invoice).map((line) => (
              <Field
                label={`${line.description} (${money(line.amount)})`}
                name={lineCreditField(line)}
                form={form}
              />
            ))}
          </div>
        </fieldset>
        <div class="form-row">
          <SelectField label="Reason" name="reason" form={form} options={[choose, ...reasonOptions]} />
          <SelectField label="Outcome" name="outcome" form={form} options={[choose, ...outcomeOptions]} />
        </div>
        <TextAreaField
          label="Memo"
          name="memo"
          form={form}
          rows={2}
          maxLength={2000}
          hint="Printed on the credit note with the reason"
        />
        <div class="form-actions">
          <button type="submit" class="button">
            Issue credit note
          </button>
        </div>
      </PostForm>
    </div>
  );
}

/** The invoice page's card: the invoice's credit notes and, for those allowed, the form to issue one. */
export function InvoiceCreditNotes(props: CardProps) {
  // A draft can still be edited instead; it has nothing to credit yet.
  if (props.invoice.status === 'draft') return null;
  return (
    <Card title="Credit notes">
      {props.notes.length === 0 ? <p class="muted">No credit notes.</p> : <NotesTable {...props} />}
      {props.canIssue && props.creditable > 0n && <IssueForm {...props} />}
    </Card>
  );
}
