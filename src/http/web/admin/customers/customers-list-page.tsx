import type { FastifyInstance } from 'fastify';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import { customerSortKeys, listCustomers, type Customer } from '../../../../modules/customers/index.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { Badge } from '../../components/detail.js';
import { formatDateTime } from '../../format.js';
import { pageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { parseTableQuery } from '../../table-query.js';

const querySpec = {
  sortKeys: customerSortKeys,
  defaultSort: 'createdAt',
  defaultDir: 'desc' as const,
  filters: { status: ['active', 'merged'] },
};

const columns: Column<Customer>[] = [
  {
    key: 'name',
    label: 'Name',
    sortable: true,
    render: (customer) => <a href={`/admin/customers/${customer.id}`}>{customer.name}</a>,
  },
  { key: 'email', label: 'Email', sortable: true, render: (customer) => customer.email },
  { key: 'currency', label: 'Currency', render: (customer) => customer.currency },
  { key: 'country', label: 'Country', render: (customer) => customer.country ?? '—' },
  {
    key: 'tags',
    label: 'Tags',
    render: (customer) =>
      customer.tags.length ? (
        <span class="tag-list">
          {customer.tags.map((tag) => (
            <Badge kind="tag">{tag}</Badge>
          ))}
        </span>
      ) : (
        '—'
      ),
  },
  {
    key: 'createdAt',
    label: 'Added',
    sortable: true,
    render: (customer) => formatDateTime(customer.createdAt),
  },
];

/** GET /admin/customers: search by name, email or linked account; filter merged records. */
export function registerCustomerListRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/admin/customers', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const query = parseTableQuery(request.query, querySpec);
    const { rows, total } = await listCustomers(services.db, {
      search: query.q,
      status: query.filters['status'] as 'active' | 'merged' | undefined,
      sort: query.sort as (typeof customerSortKeys)[number],
      direction: query.dir,
      page: query.page,
      pageSize: query.per,
    });
    const ctx = pageContext(request, reply, services.assets);
    const canAdd = ctx.user !== null && roleAtLeast(ctx.user.role, 'support');
    return sendPage(
      reply,
      <AdminLayout
        ctx={ctx}
        title="Customers"
        actions={
          canAdd ? (
            <a class="button" href="/admin/customers/new">
              New customer
            </a>
          ) : undefined
        }
      >
        <DataTable
          id="customers"
          basePath="/admin/customers"
          columns={columns}
          rows={rows}
          total={total}
          query={query}
          searchPlaceholder="Search name, email, Discord id, Plex user…"
          rowHref={(customer) => `/admin/customers/${customer.id}`}
          filters={[
            {
              name: 'status',
              label: 'Records',
              options: [
                { value: 'active', label: 'active' },
                { value: 'merged', label: 'merged away' },
              ],
            },
          ]}
          empty={{
            title: 'No customers yet',
            body: 'Customers appear here when they buy a plan; you can also add one by hand.',
            action: canAdd ? { href: '/admin/customers/new', label: 'New customer' } : undefined,
          }}
        />
      </AdminLayout>,
    );
  });
}
