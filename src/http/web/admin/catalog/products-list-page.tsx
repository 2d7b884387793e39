import type { FastifyInstance } from 'fastify';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import {
  listProducts,
  productKinds,
  productSortKeys,
  type ProductKind,
  type ProductListRow,
  type ProductSortKey,
} from '../../../../modules/catalog/index.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { Badge } from '../../components/detail.js';
import { formatDateTime } from '../../format.js';
import { pageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { parseTableQuery } from '../../table-query.js';
import { kindLabels, kindOptions } from './catalog-labels.js';

const querySpec = {
  sortKeys: productSortKeys,
  defaultSort: 'name',
  defaultDir: 'asc' as const,
  filters: { kind: productKinds, status: ['active', 'archived'] },
};

const columns: Column<ProductListRow>[] = [
  {
    key: 'name',
    label: 'Name',
    sortable: true,
    render: (product) => <a href={`/admin/catalog/${product.id}`}>{product.name}</a>,
  },
  { key: 'kind', label: 'Kind', sortable: true, render: (product) => kindLabels[product.kind] },
  { key: 'plans', label: 'Plans', render: (product) => product.planCount },
  {
    key: 'status',
    label: 'Status',
    render: (product) =>
      product.archivedAt ? <Badge kind="warn">archived</Badge> : <Badge kind="ok">active</Badge>,
  },
  {
    key: 'createdAt',
    label: 'Created',
    sortable: true,
    render: (product) => formatDateTime(product.createdAt),
  },
];

/** GET /admin/catalog: the products, with search, kind/status filters, sorting and pages. */
export function registerProductListRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/admin/catalog', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const query = parseTableQuery(request.query, querySpec);
    const { rows, total } = await listProducts(services.db, {
      search: query.q,
      kind: query.filters['kind'] as ProductKind | undefined,
      status: query.filters['status'] as 'active' | 'archived' | undefined,
      sort: query.sort as ProductSortKey,
      direction: query.dir,
      page: query.page,
      pageSize: query.per,
    });
    const ctx = pageContext(request, reply, services.assets);
    const canAdd = ctx.user !== null && roleAtLeast(ctx.user.role, 'manager');
    return sendPage(
      reply,
      <AdminLayout
        ctx={ctx}
        title="Catalog"
        actions={
          canAdd ? (
            <a class="button" href="/admin/catalog/new">
              New product
            </a>
          ) : undefined
        }
      >
        <DataTable
          id="products"
          basePath="/admin/catalog"
          columns={columns}
          rows={rows}
          total={total}
          query={query}
          searchPlaceholder="Search name or description"
          rowHref={(product) => `/admin/catalog/${product.id}`}
          filters={[
            { name: 'kind', label: 'Kinds', options: kindOptions },
            {
              name: 'status',
              label: 'Statuses',
              options: [
                { value: 'active', label: 'active' },
                { value: 'archived', label: 'archived' },
              ],
            },
          ]}
          empty={{
            title: canAdd ? 'No products yet — create your first product' : 'No products yet',
            body: 'A product is what you sell: a membership, a service, credits or a one-time purchase. Its plans say how it bills and what it costs.',
            action: canAdd ? { href: '/admin/catalog/new', label: 'New product' } : undefined,
          }}
        />
      </AdminLayout>,
    );
  });
}
