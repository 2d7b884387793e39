import type { FastifyInstance } from 'fastify';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import { listTestClockCustomers } from '../../../../modules/customers/index.js';
import { listTestClocks, type TestClock } from '../../../../modules/test-clocks/index.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { formatDateTime } from '../../format.js';
import { pageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { parseTableQuery } from '../../table-query.js';
import { ClockStatusBadge, testClocksExplained } from './test-clock-labels.js';

const querySpec = {
  sortKeys: ['createdAt'],
  defaultSort: 'createdAt',
  defaultDir: 'desc' as const,
  filters: {},
};

interface Row extends TestClock {
  customers: number;
}

const columns: Column<Row>[] = [
  { key: 'name', label: 'Name', render: (row) => <a href={`/admin/test-clocks/${row.id}`}>{row.name}</a> },
  { key: 'frozenAt', label: 'Frozen at', class: 'nowrap', render: (row) => formatDateTime(row.frozenAt) },
  { key: 'status', label: 'Status', render: (row) => <ClockStatusBadge clock={row} /> },
  { key: 'customers', label: 'Customers', render: (row) => String(row.customers) },
  { key: 'createdAt', label: 'Created', class: 'nowrap', render: (row) => formatDateTime(row.createdAt) },
];

/** GET /admin/test-clocks: every live test clock, newest first, found by name. */
export function registerTestClockListRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/admin/test-clocks', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const query = parseTableQuery(request.query, querySpec);
    // Test clocks are few (sandbox tools), so the list is read whole and searched and paged here.
    const clocks = await listTestClocks(services.db);
    const customers = await listTestClockCustomers(
      services.db,
      clocks.map((clock) => clock.id),
    );
    const needle = query.q.toLowerCase();
    const found = clocks.filter((clock) => clock.name.toLowerCase().includes(needle));
    const rows = found.slice((query.page - 1) * query.per, query.page * query.per).map((clock) => ({
      ...clock,
      customers: customers.filter((customer) => customer.testClockId === clock.id).length,
    }));
    const ctx = pageContext(request, reply, services.assets);
    const canCreate = ctx.user !== null && roleAtLeast(ctx.user.role, 'support');
    return sendPage(
      reply,
      <AdminLayout
        ctx={ctx}
        title="Test clocks"
        actions={
          canCreate && (
            <a href="/admin/test-clocks/new" class="button">
              New test clock
            </a>
          )
        }
      >
        <DataTable
          id="test-clocks"
          basePath="/admin/test-clocks"
          columns={columns}
          rows={rows}
          total={found.length}
          query={query}
          searchPlaceholder="Search by name"
          rowHref={(row) => `/admin/test-clocks/${row.id}`}
          empty={{
            title: 'No test clocks yet',
            body: testClocksExplained,
            action: canCreate ? { href: '/admin/test-clocks/new', label: 'New test clock' } : undefined,
          }}
        />
      </AdminLayout>,
    );
  });
}
