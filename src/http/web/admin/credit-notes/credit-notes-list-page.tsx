import type { FastifyInstance } from 'fastify';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import { findCustomers, type Customer } from '../../../../modules/customers/index.js';
import { listCreditNotes, type ListedCreditNote } from '../../../../modules/invoicing/index.js';
import { creditNoteReasonLabels } from '../../../credit-note-document.js';
import { sendCreditNoteCsv } from '../../../credit-note-downloads.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { EmptyState } from '../../components/empty-state.js';
import { Pager } from '../../components/pager.js';
import { formatDate } from '../../format.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { BillingFilterForm, ChoiceFilter } from '../billing-filter-form.js';
import { hasFilters, listHref, pageOf, queryParams } from '../billing-filters.js';
import { invoiceMoney } from '../invoices/invoice-labels.js';
import {
  creditNoteListInput,
  parseCreditNoteFilters,
  type CreditNoteFilters,
} from './credit-note-filters.js';
import { CreditNoteOutcomeBadge, outcomeOptions, reasonOptions } from './credit-note-labels.js';

const pageSize = 25;
const listPath = '/admin/credit-notes';

interface ListProps {
  ctx: PageContext;
  filters: CreditNoteFilters;
  page: number;
  rows: ListedCreditNote[];
  total: number;
  customers: Map<string, Customer>;
}

function CreditNoteRows(props: ListProps) {
  return (
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th>Number</th>
            <th>Invoice</th>
            <th>Customer</th>
            <th>Reason</th>
            <th>Outcome</th>
            <th>Amount</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((note) => {
            const customer = props.customers.get(note.invoice.customerId);
            return (
              <tr class="clickable" data-href={`${listPath}/${note.id}`}>
                <td data-label="Number" class="nowrap">
                  <a href={`${listPath}/${note.id}`}>{note.number}</a>
                </td>
                <td data-label="Invoice" class="nowrap">
                  <a href={`/admin/invoices/${note.invoice.id}`}>{note.invoice.number}</a>
                </td>
                <td data-label="Customer">
                  {customer ? <a href={`/admin/customers/${customer.id}`}>{customer.name}</a> : '—'}
                </td>
                <td data-label="Reason">{creditNoteReasonLabels[note.reason]}</td>
                <td data-label="Outcome">
                  <CreditNoteOutcomeBadge outcome={note.outcome} />
                </td>
                <td data-label="Amount" class="nowrap">
                  {invoiceMoney(note.amount, note.currency, customer?.locale ?? 'en-US')}
                </td>
                <td data-label="Created" class="nowrap">
                  {formatDate(note.createdAt)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function CreditNotesListPage(props: ListProps) {
  const { ctx, filters } = props;
  const canIssue = ctx.user !== null && roleAtLeast(ctx.user.role, 'manager');
  return (
    <AdminLayout
      ctx={ctx}
      title="Credit notes"
      actions={
        <a class="button secondary" href={listHref(`${listPath}/export.csv`, filters)} download>
          Export CSV
        </a>
      }
    >
      <section class="data-table" id="credit-notes">
        <BillingFilterForm action={listPath} filters={filters} amountLabel="Amount">
          <ChoiceFilter
            label="Reason"
            name="reason"
            all="All reasons"
            value={filters.reason}
            options={reasonOptions}
          />
          <ChoiceFilter
            label="Outcome"
            name="outcome"
            all="All outcomes"
            value={filters.outcome}
            options={outcomeOptions}
          />
        </BillingFilterForm>
        {props.rows.length === 0 ? (
          hasFilters(filters) ? (
            <EmptyState title="Nothing matches">
              No credit notes for these filters. <a href={listPath}>Clear the filters</a>
            </EmptyState>
          ) : (
            <EmptyState
              title="No credit notes yet"
              action={canIssue ? { href: '/admin/invoices', label: 'Go to invoices' } : undefined}
            >
              A credit note corrects a finalized invoice, in full or in part; issue one from the invoice's
              page.
            </EmptyState>
          )
        ) : (
          <>
            <CreditNoteRows {...props} />
            <Pager
              page={props.page}
              pageSize={pageSize}
              total={props.total}
              href={(page) => listHref(listPath, filters, page)}
            />
          </>
        )}
      </section>
    </AdminLayout>
  );
}

/** GET /admin/credit-notes (filtered, paged) and its CSV export with the same filters. */
export function registerCreditNoteListRoutes(app: FastifyInstance, services: AppServices): void {
  app.get(listPath, { preHandler: requireRole('viewer') }, async (request, reply) => {
    const filters = parseCreditNoteFilters(request.query);
    const page = pageOf(queryParams(request.query));
    const input = await creditNoteListInput(services.db, filters);
    const { rows, total } = await listCreditNotes(services.db, { ...input, page, pageSize });
    const customers = await findCustomers(
      services.db,
      rows.map((note) => note.invoice.customerId),
    );
    return sendPage(
      reply,
      <CreditNotesListPage
        ctx={pageContext(request, reply, services.assets)}
        filters={filters}
        page={page}
        rows={rows}
        total={total}
        customers={customers}
      />,
    );
  });

  app.get(`${listPath}/export.csv`, { preHandler: requireRole('viewer') }, async (request, reply) =>
    sendCreditNoteCsv(
      reply,
      services,
      await creditNoteListInput(services.db, parseCreditNoteFilters(request.query)),
    ),
  );
}
