import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import { findCustomers, type Customer } from '../../../../modules/customers/index.js';
import {
  allowedInvoiceActions,
  applyInvoiceAction,
  createCreditNote,
  creditableAmount,
  creditNotesOfInvoice,
  finalizeInvoice,
  getInvoice,
  type CreditNote,
  type InvoiceWithLines,
} from '../../../../modules/invoicing/index.js';
import { billedCustomerOf, periodLabel, type BillingSnapshot } from '../../../invoice-document.js';
import { sendInvoicePdf } from '../../../invoice-downloads.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { Card, DetailHeader, Facts } from '../../components/detail.js';
import { Field, FormAlert, PostForm, SelectField } from '../../components/form.js';
import { TimelineCard, type TimelineItem } from '../../components/timeline.js';
import { setFlash } from '../../flash.js';
import { formStateOf, formValues, refusedForm, refusedStatus, type RefusedForm } from '../../form-state.js';
import { formatDate, formatDateTime } from '../../format.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { auditTimeline } from '../audit-timeline.js';
import { creditNoteInputOf, errorsOnLineFields } from '../credit-notes/credit-note-form-values.js';
import { InvoiceCreditNotes } from '../credit-notes/invoice-credit-notes.js';
import { InvoiceStatusBadge, invoiceMoney, invoiceName, lineKindLabels } from './invoice-labels.js';

type FailedForm = RefusedForm<'finalize' | 'action' | 'credit'>;

interface DetailProps {
  ctx: PageContext;
  invoice: InvoiceWithLines;
  /** The customer record (for the link); `billed` is who the invoice is made out to. */
  customer: Customer | undefined;
  billed: BillingSnapshot;
  creditNotes: CreditNote[];
  timeline: TimelineItem[];
  failed?: FailedForm | undefined;
}

const actionLabels = {
  mark_paid: 'Mark paid',
  void: 'Void',
  mark_uncollectible: 'Mark uncollectible',
} as const;

const doneMessages = {
  mark_paid: 'Invoice marked paid.',
  void: 'Invoice voided.',
  mark_uncollectible: 'Invoice marked uncollectible.',
} as const;

function LinesCard(props: DetailProps) {
  const { invoice, billed } = props;
  const money = (amount: bigint) => invoiceMoney(amount, invoice.currency, billed.locale);
  const totals: [string, bigint][] = [
    ['Subtotal', invoice.subtotal],
    ...(invoice.discountTotal !== 0n ? [['Discount', -invoice.discountTotal] as [string, bigint]] : []),
    ['Tax', invoice.taxTotal],
    ['Total', invoice.total],
    ...(invoice.amountFromBalance !== 0n
      ? [['Paid from balance', -invoice.amountFromBalance] as [string, bigint]]
      : []),
    ...(invoice.amountPaid !== invoice.amountFromBalance
      ? [['Paid', invoice.amountFromBalance - invoice.amountPaid] as [string, bigint]]
      : []),
    ...(invoice.amountCredited !== 0n ? [['Credited', -invoice.amountCredited] as [string, bigint]] : []),
    ['Amount due', invoice.amountDue],
  ];
  return (
    <Card title="Lines">
      <div class="table-scroll">
        <table id="invoice-lines">
          <thead>
            <tr>
              <th>Kind</th>
              <th>Description</th>
              <th>Period</th>
              <th>Qty</th>
              <th>Unit</th>
              <th>Amount</th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line) => (
              <tr>
                <td data-label="Kind">{lineKindLabels[line.kind]}</td>
                <td data-label="Description">{line.description}</td>
                <td data-label="Period">{periodLabel(line.periodStart, line.periodEnd, billed) ?? '—'}</td>
                <td data-label="Qty">{line.quantity}</td>
                <td data-label="Unit" class="nowrap">
                  {money(line.unitAmount)}
                </td>
                <td data-label="Amount" class="nowrap">
                  {money(line.amount)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot id="invoice-totals">
            {totals.map(([label, amount]) => (
              <tr>
                <th colSpan={5} scope="row">
                  {label}
                </th>
                <td class="nowrap">{label === 'Total' ? <strong>{money(amount)}</strong> : money(amount)}</td>
              </tr>
            ))}
          </tfoot>
        </table>
      </div>
    </Card>
  );
}

function ActionsCard(props: DetailProps) {
  const { ctx, invoice } = props;
  const finalizeForm = formStateOf(props.failed, 'finalize');
  const actionForm = formStateOf(props.failed, 'action');
  const canFinalize =
    invoice.status === 'draft' && ctx.user !== null && roleAtLeast(ctx.user.role, 'support');
  const actions = allowedInvoiceActions(invoice.status).filter((action) => action !== 'finalize');
  const canAct = actions.length > 0 && ctx.user !== null && roleAtLeast(ctx.user.role, 'manager');
  if (!canFinalize && !canAct) return null;
  return (
    <Card title="Actions">
      {canFinalize && (
        <div id="invoice-finalize" class="form-anchor">
          <FormAlert message={finalizeForm.message} />
          <PostForm
            action={`/admin/invoices/${invoice.id}/finalize#invoice-finalize`}
            csrfToken={ctx.csrfToken}
          >
            <p class="hint">Finalizing gives the invoice its number; after that it can no longer change.</p>
            <div class="form-actions">
              <button type="submit" class="button">
                Finalize
              </button>
            </div>
          </PostForm>
        </div>
      )}
      {canAct && (
        <div id="invoice-action" class="form-anchor">
          <FormAlert message={actionForm.message} />
          <PostForm action={`/admin/invoices/${invoice.id}/actions#invoice-action`} csrfToken={ctx.csrfToken}>
            <SelectField
              label="Action"
              name="action"
              form={actionForm}
              options={actions.map((action) => ({ value: action, label: actionLabels[action] }))}
            />
            <Field
              label="Reason"
              name="reason"
              form={actionForm}
              required
              maxLength={500}
              hint="Kept in the audit log, e.g. “Bank transfer received 3 March”"
            />
            <div class="form-actions">
              <button type="submit" class="button">
                Apply
              </button>
            </div>
          </PostForm>
        </div>
      )}
    </Card>
  );
}

function InvoiceDetailPage(props: DetailProps) {
  const { ctx, invoice, customer, billed } = props;
  const name = invoiceName(invoice);
  return (
    <AdminLayout ctx={ctx} title="Invoice">
      <nav class="breadcrumb muted" aria-label="Breadcrumb">
        <a href="/admin/invoices">Invoices</a> / <span aria-current="page">{name}</span>
      </nav>
      <DetailHeader
        title={name}
        subtitle={`${invoiceMoney(invoice.total, invoice.currency, billed.locale)} · ${billed.name}`}
        badges={<InvoiceStatusBadge status={invoice.status} />}
        actions={
          <a class="button secondary" href={`/admin/invoices/${invoice.id}/pdf`} download>
            Download PDF
          </a>
        }
      />
      <div class="stack">
        <LinesCard {...props} />
        <InvoiceCreditNotes
          invoice={invoice}
          notes={props.creditNotes}
          creditable={creditableAmount(invoice)}
          canIssue={ctx.user !== null && roleAtLeast(ctx.user.role, 'manager')}
          csrfToken={ctx.csrfToken}
          form={formStateOf(props.failed, 'credit')}
          locale={billed.locale}
        />
        <div class="grid-2">
          <Card title="Details">
            <Facts
              items={[
                [
                  'Customer',
                  customer ? <a href={`/admin/customers/${customer.id}`}>{billed.name}</a> : billed.name,
                ],
                ['Email', billed.email],
                ['Currency', invoice.currency],
                ['Created', formatDateTime(invoice.createdAt)],
                ['Finalized', formatDateTime(invoice.finalizedAt)],
                ['Due', formatDate(invoice.dueAt)],
                ['Paid', formatDateTime(invoice.paidAt)],
                ...(invoice.voidedAt
                  ? [['Voided', formatDateTime(invoice.voidedAt)] as [string, string]]
                  : []),
                ['Payment terms', `${invoice.paymentTermsDays} days`],
                ...(invoice.memo ? [['Memo', invoice.memo] as [string, string]] : []),
              ]}
            />
          </Card>
          <div class="stack">
            <ActionsCard {...props} />
            <TimelineCard items={props.timeline} />
          </div>
        </div>
      </div>
    </AdminLayout>
  );
}

/**
 * GET /admin/invoices/:id, its PDF, and its actions: finalize, mark paid, void, write off, and
 * issue a credit note.
 */
export function registerInvoiceDetailRoutes(app: FastifyInstance, services: AppServices): void {
  type Params = { Params: { id: string } };
  const render = async (request: FastifyRequest, reply: FastifyReply, id: string, failed?: FailedForm) => {
    // One after the other: a missing invoice is a 404 before anything else is read.
    const invoice = await getInvoice(services.db, id);
    const billed = await billedCustomerOf(services.db, invoice);
    const customers = await findCustomers(services.db, [invoice.customerId]);
    const creditNotes = await creditNotesOfInvoice(services.db, id);
    const timeline = await auditTimeline(services.db, 'invoice', id);
    return sendPage(
      reply,
      <InvoiceDetailPage
        ctx={pageContext(request, reply, services.assets)}
        invoice={invoice}
        customer={customers.get(invoice.customerId)}
        billed={billed}
        creditNotes={creditNotes}
        timeline={timeline}
        failed={failed}
      />,
      refusedStatus(failed),
    );
  };
  const back = (request: FastifyRequest<Params>, reply: FastifyReply) =>
    reply.code(303).redirect(`/admin/invoices/${request.params.id}`);

  app.get<Params>('/admin/invoices/:id', { preHandler: requireRole('viewer') }, async (request, reply) =>
    render(request, reply, request.params.id),
  );

  app.get<Params>('/admin/invoices/:id/pdf', { preHandler: requireRole('viewer') }, async (request, reply) =>
    sendInvoicePdf(reply, services, request.params.id),
  );

  app.post<Params>(
    '/admin/invoices/:id/finalize',
    { preHandler: requireRole('support') },
    async (request, reply) => {
      try {
        const invoice = await finalizeInvoice(services.invoicing, request.params.id, actorOf(request));
        setFlash(reply, { kind: 'success', text: `Invoice ${invoice.number ?? ''} finalized.` });
      } catch (error) {
        return render(request, reply, request.params.id, refusedForm('finalize', error, {}));
      }
      return back(request, reply);
    },
  );

  app.post<Params>(
    '/admin/invoices/:id/actions',
    { preHandler: requireRole('manager') },
    async (request, reply) => {
      const values = formValues(request.body);
      const action = values['action'] ?? '';
      try {
        await applyInvoiceAction(
          services.invoicing,
          request.params.id,
          { action: action as keyof typeof actionLabels, reason: values['reason'] ?? '' },
          actorOf(request),
        );
      } catch (error) {
        return render(request, reply, request.params.id, refusedForm('action', error, values));
      }
      setFlash(reply, { kind: 'success', text: doneMessages[action as keyof typeof doneMessages] });
      return back(request, reply);
    },
  );

  app.post<Params>(
    '/admin/invoices/:id/credit-notes',
    { preHandler: requireRole('manager') },
    async (request, reply) => {
      const values = formValues(request.body);
      const invoice = await getInvoice(services.db, request.params.id);
      try {
        const input = creditNoteInputOf(values, invoice);
        const note = await createCreditNote(services.invoicing, invoice.id, input, actorOf(request));
        setFlash(reply, { kind: 'success', text: `Credit note ${note.number} issued.` });
      } catch (error) {
        const refused = refusedForm('credit', errorsOnLineFields(error, values, invoice), values);
        return render(request, reply, invoice.id, refused);
      }
      return back(request, reply);
    },
  );
}
