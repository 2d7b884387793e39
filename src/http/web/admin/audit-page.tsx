import type { FastifyInstance } from 'fastify';
import { listAuditEvents, type AuditEvent } from '../../../modules/audit/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import type { AppServices } from '../../services.js';
import { AdminLayout } from '../components/admin-layout.js';
import { DataTable, type Column } from '../components/data-table.js';
import { formatDateTime } from '../format.js';
import { pageContext } from '../page-context.js';
import { sendPage } from '../render.js';
import { parseTableQuery } from '../table-query.js';
import { describeAction, describeChanges } from './audit-labels.js';

/** The kinds of record the audit log speaks of: how to name them and where each one is shown. */
const entityKinds: Record<string, { label: string; href?: (id: string) => string }> = {
  user: { label: 'staff users', href: (id) => `/admin/team/${id}` },
  customer: { label: 'customers', href: (id) => `/admin/customers/${id}` },
  product: { label: 'products', href: (id) => `/admin/catalog/${id}` },
  plan: { label: 'plans', href: (id) => `/admin/catalog/plans/${id}` },
  addon: { label: 'add-ons', href: (id) => `/admin/catalog/addons/${id}` },
  subscription: { label: 'subscriptions', href: (id) => `/admin/subscriptions/${id}` },
  test_clock: { label: 'test clocks', href: (id) => `/admin/test-clocks/${id}` },
  bill_run: { label: 'bill runs', href: () => '/admin/scheduler' },
  coupon: { label: 'coupons', href: (id) => `/admin/coupons/${id}` },
  tax_rate: { label: 'tax rates', href: (id) => `/admin/taxes/${id}` },
  invoice: { label: 'invoices', href: (id) => `/admin/invoices/${id}` },
};
const entityTypes = Object.keys(entityKinds);
const querySpec = {
  sortKeys: ['occurredAt'],
  defaultSort: 'occurredAt',
  defaultDir: 'desc' as const,
  filters: { entity: entityTypes },
};

function entityLink(event: AuditEvent) {
  const kind = entityKinds[event.entityType];
  if (!kind?.href) return `${event.entityType} ${event.entityId}`;
  return <a href={kind.href(event.entityId)}>{kind.label.replace(/s$/, '')}</a>;
}

const columns: Column<AuditEvent>[] = [
  {
    key: 'occurredAt',
    label: 'When',
    sortable: true,
    class: 'nowrap',
    render: (event) => formatDateTime(event.occurredAt),
  },
  { key: 'actor', label: 'Who', render: (event) => event.actorLabel },
  { key: 'action', label: 'What', render: (event) => describeAction(event.action) },
  { key: 'entity', label: 'Record', render: entityLink },
  { key: 'changes', label: 'Changes', render: (event) => describeChanges(event.before, event.after) ?? '—' },
  { key: 'ip', label: 'IP', render: (event) => event.ip ?? '—' },
];

/** GET /admin/audit: every recorded change, searchable, newest first. */
export function registerAuditRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/admin/audit', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const query = parseTableQuery(request.query, querySpec);
    const { rows, total } = await listAuditEvents(services.db, {
      search: query.q,
      entityType: query.filters['entity'],
      order: query.dir === 'asc' ? 'oldest' : 'newest',
      page: query.page,
      pageSize: query.per,
    });
    return sendPage(
      reply,
      <AdminLayout ctx={pageContext(request, reply, services.assets)} title="Audit log">
        <DataTable
          id="audit"
          basePath="/admin/audit"
          columns={columns}
          rows={rows}
          total={total}
          query={query}
          searchPlaceholder="Search who, what or the values changed"
          filters={[
            {
              name: 'entity',
              label: 'Records',
              options: Object.entries(entityKinds).map(([value, kind]) => ({ value, label: kind.label })),
            },
          ]}
          empty={{
            title: 'Nothing recorded yet',
            body: 'Every change made by staff, the CLI or the system appears here.',
          }}
        />
      </AdminLayout>,
    );
  });
}
