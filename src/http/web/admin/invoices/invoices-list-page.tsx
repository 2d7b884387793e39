import type { FastifyInstance } from 'fastify';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import { findCustomers, type Customer } from '../../../../modules/customers/index.js';
import { listInvoices, type Invoice } from '../../../../modules/invoicing/index.js';
import { invoiceStatusLabels } from '../../../invoice-document.js';
import { sendInvoiceCsv } from '../../../invoice-downloads.js';
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
import {
  invoiceListInput,
  invoiceStatuses,
  parseInvoiceFilters,
  type InvoiceFilters,
} from './invoice-filters.js';
import { InvoiceStatusBadge, invoiceMoney, invoiceName } from './invoice-labels.js';

const pageSize = 25;

interface ListProps {
  ctx: PageContext;
  filters: InvoiceFilters;
  page: number;
  rows: Invoice[];
  total: number;
  customers: Map<string, Customer>;
}

/** Status, customer, created between, total between. */
function FilterForm(props: { filters: InvoiceFilters }) {
  const { filters } = props;
  return (
    <BillingFilterForm action="/admin/invoices" filters={filters} amountLabel="Total">
      <ChoiceFilter
        label="Status"
        name="status"
        all="All statuses"
        value={filters.status}
        options={invoiceStatuses.map((status) => ({ value: status, label: invoiceStatusLabels[status] }))}
      />
    </BillingFilterForm>
  );
}

function InvoiceRows(props: ListProps) {
  return (
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th>Number</th>
            <th>Customer</th>
            <th>Status</th>
            <th>Total</th>
            <th>Amount due</th>
            <th>Created</th>
            <th>Due</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((invoice) => {
            const customer = props.customers.get(invoice.customerId);
            const locale = customer?.locale ?? 'en-US';
            return (
              <tr class="clickable" data-href={`/admin/invoices/${invoice.id}`}>
                <td data-label="Number" class="nowrap">
                  <a href={`/admin/invoices/${invoice.id}`}>{invoiceName(invoice)}</a>
                </td>
                <td data-label="Customer">
                  {customer ? <a href={`/admin/customers/${customer.id}`}>{customer.name}</a> : '—'}
                </td>
                <td data-label="Status">
                  <InvoiceStatusBadge status={invoice.status} />
                </td>
                <td data-label="Total" class="nowrap">
                  {invoiceMoney(invoice.total, invoice.currency, locale)}
                </td>
                <td data-label="Amount due" class="nowrap">
                  {invoiceMoney(invoice.amountDue, invoice.currency, locale)}
                </td>
                <td data-label="Created" class="nowrap">
                  {formatDate(invoice.createdAt)}
                </td>
                <td data-label="Due" class="nowrap">
                  {formatDate(invoice.dueAt)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function InvoicesListPage(props: ListProps) {
  const { ctx, filters } = props;
  const canCreate = ctx.user !== null && roleAtLeast(ctx.user.role, 'support');
  const newHref = filters.customer
    ? `/admin/invoices/new?customerId=${filters.customer}`
    : '/admin/invoices/new';
  return (
    <AdminLayout
      ctx={ctx}
      title="Invoices"
      actions={
        <>
          <a class="button secondary" href={listHref('/admin/invoices/export.csv', filters)} download>
            Export CSV
          </a>
          {canCreate && (
            <a class="button" href={newHref}>
              New invoice
            </a>
          )}
        </>
      }
    >
      <section class="data-table" id="invoices">
        <FilterForm filters={filters} />
        {props.rows.length === 0 ? (
          hasFilters(filters) ? (
            <EmptyState title="Nothing matches">
              No invoices for these filters. <a href="/admin/invoices">Clear the filters</a>
            </EmptyState>
          ) : (
            <EmptyState
              title="No invoices yet"
              action={canCreate ? { href: '/admin/invoices/new', label: 'New invoice' } : undefined}
            >
              The bill run invoices every subscription period; one-off work can be invoiced by hand.
            </EmptyState>
          )
        ) : (
          <>
            <InvoiceRows {...props} />
            <Pager
              page={props.page}
              pageSize={pageSize}
              total={props.total}
              href={(page) => listHref('/admin/invoices', filters, page)}
            />
          </>
        )}
      </section>
    </AdminLayout>
  );
}

/** GET /admin/invoices (filtered, paged) and its CSV export with the same filters. */
export function registerInvoiceListRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/admin/invoices', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const filters = parseInvoiceFilters(request.query);
    const page = pageOf(queryParams(request.query));
    const input = await invoiceListInput(services.db, filters);
    const { rows, total } = await listInvoices(services.db, { ...input, page, pageSize });
    const customers = await findCustomers(
      services.db,
      rows.map((invoice) => invoice.customerId),
    );
    return sendPage(
      reply,
      <InvoicesListPage
        ctx={pageContext(request, reply, services.assets)}
        filters={filters}
        page={page}
        rows={rows}
        total={total}
        customers={customers}
      />,
    );
  });

  app.get('/admin/invoices/export.csv', { preHandler: requireRole('viewer') }, async (request, reply) =>
    sendInvoiceCsv(reply, services, await invoiceListInput(services.db, parseInvoiceFilters(request.query))),
  );
}
