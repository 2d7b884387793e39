import type { FastifyInstance } from 'fastify';
import { findPlans, type PlanSummary } from '../../../../modules/catalog/index.js';
import { findCustomers, type Customer } from '../../../../modules/customers/index.js';
import {
  listSubscriptions,
  subscriptionStates,
  type Subscription,
  type SubscriptionState,
} from '../../../../modules/subscriptions/index.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { formatDate } from '../../format.js';
import { customerIdsMatching } from '../../customer-search.js';
import { pageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { parseTableQuery } from '../../table-query.js';
import { StateBadge } from './subscription-labels.js';

const querySpec = {
  sortKeys: ['createdAt'],
  defaultSort: 'createdAt',
  defaultDir: 'desc' as const,
  filters: { state: subscriptionStates },
};

interface Row extends Subscription {
  customer: Customer | undefined;
  plan: PlanSummary | undefined;
}

const columns: Column<Row>[] = [
  {
    key: 'customer',
    label: 'Customer',
    render: (row) =>
      row.customer ? <a href={`/admin/customers/${row.customer.id}`}>{row.customer.name}</a> : '—',
  },
  {
    key: 'plan',
    label: 'Plan',
    render: (row) => (
      <a href={`/admin/subscriptions/${row.id}`}>
        {row.plan ? `${row.plan.productName} · ${row.plan.name}` : 'Subscription'}
      </a>
    ),
  },
  { key: 'state', label: 'State', render: (row) => <StateBadge state={row.state} /> },
  { key: 'periodEnd', label: 'Period ends', render: (row) => formatDate(row.currentPeriodEnd) },
  { key: 'createdAt', label: 'Started', sortable: true, render: (row) => formatDate(row.createdAt) },
];

/** GET /admin/subscriptions: every subscription, newest first, by state or by the customer's name or email. */
export function registerSubscriptionListRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/admin/subscriptions', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const query = parseTableQuery(request.query, querySpec);
    // A search names customers; their subscriptions are listed.
    const customerIds = await customerIdsMatching(services.db, query.q);
    const { rows, total } = await listSubscriptions(services.db, {
      customerIds,
      state: query.filters['state'] as SubscriptionState | undefined,
      page: query.page,
      pageSize: query.per,
    });
    const [customers, plans] = await Promise.all([
      findCustomers(
        services.db,
        rows.map((row) => row.customerId),
      ),
      findPlans(
        services.db,
        rows.map((row) => row.planId),
      ),
    ]);
    const tableRows = rows.map((row) => ({
      ...row,
      customer: customers.get(row.customerId),
      plan: plans.get(row.planId),
    }));
    return sendPage(
      reply,
      <AdminLayout ctx={pageContext(request, reply, services.assets)} title="Subscriptions">
        <DataTable
          id="subscriptions"
          basePath="/admin/subscriptions"
          columns={columns}
          rows={tableRows}
          total={total}
          query={query}
          searchPlaceholder="Search the customer's name or email"
          rowHref={(row) => `/admin/subscriptions/${row.id}`}
          filters={[
            {
              name: 'state',
              label: 'States',
              options: subscriptionStates.map((state) => ({ value: state, label: state.replace('_', ' ') })),
            },
          ]}
          empty={{
            title: 'No subscriptions yet',
            body: 'Subscribe a customer from their page, or they subscribe when they buy a plan.',
            action: { href: '/admin/customers', label: 'Go to customers' },
          }}
        />
      </AdminLayout>,
    );
  });
}
