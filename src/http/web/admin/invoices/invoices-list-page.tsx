import type { FastifyInstance } from 'fastify';
import type { ComponentChildren } from 'preact';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import { findCustomers, type Customer } from '../../../../modules/customers/index.js';
import { listInvoices, type Invoice } from '../../../../modules/invoicing/index.js';
import { invoiceStatusLabels } from '../../../invoice-document.js';
import { sendInvoiceCsv } from '../../../invoice-downloads.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { EmptyState } from '../../components/empty-state.js';
import { formatDate } from '../../format.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import {
  filterParams,
  hasFilters,
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

const hrefWith = (filters: InvoiceFilters, path: string, page = 1) => {
  const params = filterParams(filters);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
};

/** One labelled filter input; the toolbar lays them out as a grid of short fields. */
function FilterLabel(props: { label: string; children: ComponentChildren }) {
  return (
    <label class="hint">
      {props.label}
      {props.children}
    </label>
  );
}

/** Status, customer, created between, total between: one GET form, so every state is a URL. */
function FilterForm(props: { filters: InvoiceFilters }) {
  const { filters } = props;
  return (
    <form class="table-toolbar form-row compact" method="get" action="/admin/invoices" role="search">
      {filters.customer && <input type="hidden" name="customer" value={filters.customer} />}
      <FilterLabel label="Customer">
        <input type="search" name="q" value={filters.q} placeholder="Name or email" class="search" />
      </FilterLabel>
      <FilterLabel label="Status">
        <select name="status">
          <option value="">All statuses</option>
          {invoiceStatuses.map((status) => (
            <option value={status} selected={filters.status === status}>
              {invoiceStatusLabels[status]}
            </option>
          ))}
        </select>
      </FilterLabel>
      <FilterLabel label="Created from">
        <input type="date" name="from" value={filters.from} />
      </FilterLabel>
      <FilterLabel label="Created until">
        <input type="date" name="to" value={filters.to} />
      </FilterLabel>
      <FilterLabel label="Total from">
        <input type="text" inputMode="decimal" name="min" value={filters.min} placeholder="0.00" />
      </FilterLabel>
      <FilterLabel label="Total up to">
        <input type="text" inputMode="decimal" name="max" value={filters.max} placeholder="0.00" />
      </FilterLabel>
      <div class="form-actions">
        <button type="submit" class="button secondary small">
          Filter
        </button>
        {hasFilters(filters) && (
          <a class="button secondary small" href="/admin/invoices">
            Clear
          </a>
        )}
      </div>
    </form>
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

function Pager(props: { filters: InvoiceFilters; page: number; total: number }) {
  const pages = Math.max(1, Math.ceil(props.total / pageSize));
  const first = props.total === 0 ? 0 : (props.page - 1) * pageSize + 1;
  const last = Math.min(props.total, props.page * pageSize);
  const link = (page: number, label: string, rel: string) =>
    page >= 1 && page <= pages && page !== props.page ? (
      <a class="button secondary small" href={hrefWith(props.filters, '/admin/invoices', page)} rel={rel}>
        {label}
      </a>
    ) : (
      <span class="button secondary small disabled">{label}</span>
    );
  return (
    <div class="pagination">
      <span class="muted">
        {first}–{last} of {props.total}
      </span>
      <div class="pager">
        {link(props.page - 1, 'Previous', 'prev')}
        <span class="muted">
          Page {Math.min(props.page, pages)} of {pages}
        </span>
        {link(props.page + 1, 'Next', 'next')}
      </div>
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
          <a class="button secondary" href={hrefWith(filters, '/admin/invoices/export.csv')} download>
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
            <Pager filters={filters} page={props.page} total={props.total} />
          </>
        )}
      </section>
    </AdminLayout>
  );
}

const pageOf = (raw: unknown) => {
  const page = Number((raw as Record<string, unknown> | undefined)?.['page']);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
};

/** GET /admin/invoices (filtered, paged) and its CSV export with the same filters. */
export function registerInvoiceListRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/admin/invoices', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const filters = parseInvoiceFilters(request.query);
    const page = pageOf(request.query);
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
