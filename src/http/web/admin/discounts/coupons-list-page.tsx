import type { FastifyInstance } from 'fastify';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import {
  couponSortKeys,
  couponStatuses,
  listCoupons,
  type CouponSortKey,
  type CouponStatus,
  type CouponWithAmounts,
} from '../../../../modules/discounts/index.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { formatDateTime } from '../../format.js';
import { pageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { parseTableQuery } from '../../table-query.js';
import { CouponStatusBadge, discountLabel, durationLabel, usageLabel } from './coupon-labels.js';

const querySpec = {
  sortKeys: couponSortKeys,
  defaultSort: 'createdAt',
  defaultDir: 'desc' as const,
  filters: { status: couponStatuses },
};

function columns(now: Date): Column<CouponWithAmounts>[] {
  return [
    {
      key: 'name',
      label: 'Name',
      sortable: true,
      render: (coupon) => <a href={`/admin/coupons/${coupon.id}`}>{coupon.name}</a>,
    },
    { key: 'discount', label: 'Discount', render: discountLabel },
    { key: 'duration', label: 'Duration', render: durationLabel },
    {
      key: 'used',
      label: 'Redeemed',
      render: (coupon) => usageLabel(coupon.timesRedeemed, coupon.maxRedemptions),
    },
    { key: 'status', label: 'Status', render: (coupon) => <CouponStatusBadge coupon={coupon} now={now} /> },
    {
      key: 'validUntil',
      label: 'Valid until',
      sortable: true,
      class: 'nowrap',
      render: (coupon) => (coupon.validUntil ? formatDateTime(coupon.validUntil) : '—'),
    },
    {
      key: 'createdAt',
      label: 'Created',
      sortable: true,
      class: 'nowrap',
      render: (coupon) => formatDateTime(coupon.createdAt),
    },
  ];
}

/** GET /admin/coupons: the coupons, with search, status filter, sorting and pages. */
export function registerCouponListRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/admin/coupons', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const query = parseTableQuery(request.query, querySpec);
    const now = services.clock.now();
    const { rows, total } = await listCoupons(services.db, {
      search: query.q,
      status: query.filters['status'] as CouponStatus | undefined,
      at: now,
      sort: query.sort as CouponSortKey,
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
        title="Coupons"
        actions={
          canAdd ? (
            <a class="button" href="/admin/coupons/new">
              New coupon
            </a>
          ) : undefined
        }
      >
        <DataTable
          id="coupons"
          basePath="/admin/coupons"
          columns={columns(now)}
          rows={rows}
          total={total}
          query={query}
          searchPlaceholder="Search name"
          rowHref={(coupon) => `/admin/coupons/${coupon.id}`}
          filters={[
            {
              name: 'status',
              label: 'Statuses',
              options: couponStatuses.map((status) => ({ value: status, label: status })),
            },
          ]}
          empty={{
            title: canAdd ? 'No coupons yet — create your first coupon' : 'No coupons yet',
            body: 'A coupon takes a percentage or a fixed amount off invoices, once, for some billing periods or forever. Promotion codes are what customers type to get one.',
            action: canAdd ? { href: '/admin/coupons/new', label: 'New coupon' } : undefined,
          }}
        />
      </AdminLayout>,
    );
  });
}
