import type { FastifyInstance } from 'fastify';
import type { ComponentChildren } from 'preact';
import { findCustomers, type Customer } from '../../../../modules/customers/index.js';
import { getCreditNote, type CreditNoteWithLines } from '../../../../modules/invoicing/index.js';
import { creditNoteOutcomeLabels, creditNoteReasonLabels } from '../../../credit-note-document.js';
import { sendCreditNotePdf } from '../../../credit-note-downloads.js';
import { billedCustomerOf, periodLabel, type BillingSnapshot } from '../../../invoice-document.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { Card, DetailHeader, Facts } from '../../components/detail.js';
import { formatDateTime } from '../../format.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { invoiceMoney, lineKindLabels } from '../invoices/invoice-labels.js';
import { CreditNoteOutcomeBadge } from './credit-note-labels.js';

interface DetailProps {
  ctx: PageContext;
  note: CreditNoteWithLines;
  /** The customer record (for the link); `billed` is who the credited invoice was made out to. */
  customer: Customer | undefined;
  billed: BillingSnapshot;
}

function LinesCard(props: DetailProps) {
  const { note, billed } = props;
  const money = (amount: bigint) => invoiceMoney(amount, note.currency, billed.locale);
  return (
    <Card title="Lines credited">
      <div class="table-scroll">
        <table id="credit-note-lines">
          <thead>
            <tr>
              <th>Kind</th>
              <th>Description</th>
              <th>Period</th>
              <th>Amount</th>
            </tr>
          </thead>
          <tbody>
            {note.lines.map(({ description, amount, invoiceLine }) => (
              <tr>
                <td data-label="Kind">{invoiceLine ? lineKindLabels[invoiceLine.kind] : 'Lump sum'}</td>
                <td data-label="Description">{description}</td>
                <td data-label="Period">
                  {(invoiceLine && periodLabel(invoiceLine.periodStart, invoiceLine.periodEnd, billed)) ??
                    '—'}
                </td>
                <td data-label="Amount" class="nowrap">
                  {money(amount)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot id="credit-note-total">
            <tr>
              <th colSpan={3} scope="row">
                Total credit
              </th>
              <td class="nowrap">
                <strong>{money(note.amount)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </Card>
  );
}

function CreditNoteDetailPage(props: DetailProps) {
  const { ctx, note, customer, billed } = props;
  const invoiceHref = `/admin/invoices/${note.invoice.id}`;
  const memo: [string, ComponentChildren][] = note.memo
    ? [['Memo', <span class="pre-line">{note.memo}</span>]]
    : [];
  return (
    <AdminLayout ctx={ctx} title="Credit note">
      <nav class="breadcrumb muted" aria-label="Breadcrumb">
        <a href="/admin/credit-notes">Credit notes</a> / <span aria-current="page">{note.number}</span>
      </nav>
      <DetailHeader
        title={note.number}
        subtitle={`${invoiceMoney(note.amount, note.currency, billed.locale)} · ${billed.name}`}
        badges={<CreditNoteOutcomeBadge outcome={note.outcome} />}
        actions={
          <a class="button secondary" href={`/admin/credit-notes/${note.id}/pdf`} download>
            Download PDF
          </a>
        }
      />
      <div class="stack">
        <LinesCard {...props} />
        <Card title="Details">
          <Facts
            items={[
              ['Invoice', <a href={invoiceHref}>{note.invoice.number}</a>],
              [
                'Customer',
                customer ? <a href={`/admin/customers/${customer.id}`}>{billed.name}</a> : billed.name,
              ],
              ['Email', billed.email],
              ['Reason', creditNoteReasonLabels[note.reason]],
              ['Outcome', creditNoteOutcomeLabels[note.outcome]],
              ...memo,
              ['Currency', note.currency],
              ['Created', formatDateTime(note.createdAt)],
            ]}
          />
        </Card>
      </div>
    </AdminLayout>
  );
}

/** GET /admin/credit-notes/:id and its PDF. */
export function registerCreditNoteDetailRoutes(app: FastifyInstance, services: AppServices): void {
  type Params = { Params: { id: string } };

  app.get<Params>(
    '/admin/credit-notes/:id',
    { preHandler: requireRole('viewer') },
    async (request, reply) => {
      // One after the other: a missing credit note is a 404 before anything else is read.
      const note = await getCreditNote(services.db, request.params.id);
      const billed = await billedCustomerOf(services.db, note.invoice);
      const customers = await findCustomers(services.db, [note.invoice.customerId]);
      return sendPage(
        reply,
        <CreditNoteDetailPage
          ctx={pageContext(request, reply, services.assets)}
          note={note}
          customer={customers.get(note.invoice.customerId)}
          billed={billed}
        />,
      );
    },
  );

  app.get<Params>(
    '/admin/credit-notes/:id/pdf',
    { preHandler: requireRole('viewer') },
    async (request, reply) => sendCreditNotePdf(reply, services, request.params.id),
  );
}
