import type { FastifyInstance } from 'fastify';
import { countryName } from '../../../../lib/country.js';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import {
  listTaxRateCountries,
  listTaxRates,
  taxRateSortKeys,
  type TaxRate,
  type TaxRateSortKey,
} from '../../../../modules/taxes/index.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { Badge } from '../../components/detail.js';
import { formatDateTime } from '../../format.js';
import { pageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { parseTableQuery } from '../../table-query.js';
import { percentLabel, placeLabel, taxRatesExplained } from './tax-rate-labels.js';

const columns: Column<TaxRate>[] = [
  {
    key: 'name',
    label: 'Name',
    sortable: true,
    render: (rate) => <a href={`/admin/taxes/${rate.id}`}>{rate.name}</a>,
  },
  { key: 'country', label: 'Where', sortable: true, render: placeLabel },
  { key: 'rate', label: 'Rate', class: 'nowrap', render: percentLabel },
  { key: 'inclusive', label: 'Prices', render: (rate) => (rate.inclusive ? 'include it' : 'plus tax') },
  {
    key: 'status',
    label: 'Status',
    render: (rate) =>
      rate.archivedAt ? <Badge kind="warn">archived</Badge> : <Badge kind="ok">active</Badge>,
  },
  { key: 'createdAt', label: 'Created', sortable: true, render: (rate) => formatDateTime(rate.createdAt) },
];

/** GET /admin/taxes: the tax rates, filtered by country and status, with sorting and pages. */
export function registerTaxRateListRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/admin/taxes', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const countries = await listTaxRateCountries(services.db);
    const query = parseTableQuery(request.query, {
      sortKeys: taxRateSortKeys,
      defaultSort: 'country',
      defaultDir: 'asc',
      filters: { country: countries, status: ['active', 'archived'] },
    });
    const { rows, total } = await listTaxRates(services.db, {
      search: query.q,
      country: query.filters['country'],
      status: query.filters['status'] as 'active' | 'archived' | undefined,
      sort: query.sort as TaxRateSortKey,
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
        title="Tax rates"
        actions={
          canAdd && (
            <a class="button" href="/admin/taxes/new">
              New tax rate
            </a>
          )
        }
      >
        <DataTable
          id="tax-rates"
          basePath="/admin/taxes"
          columns={columns}
          rows={rows}
          total={total}
          query={query}
          searchPlaceholder="Search name or region"
          rowHref={(rate) => `/admin/taxes/${rate.id}`}
          filters={[
            {
              name: 'country',
              label: 'Countries',
              options: countries.map((code) => ({ value: code, label: `${countryName(code)} (${code})` })),
            },
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
            title: 'No tax rates yet',
            body: `${taxRatesExplained} Without a rate, invoices carry no tax.`,
            action: canAdd ? { href: '/admin/taxes/new', label: 'New tax rate' } : undefined,
          }}
        />
      </AdminLayout>,
    );
  });
}
