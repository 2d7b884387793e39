import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import { findCustomers, type Customer } from '../../../../modules/customers/index.js';
import { listCoupons } from '../../../../modules/discounts/index.js';
import {
  getReferralProgramme,
  listReferrals,
  referralStatuses,
  updateReferralProgramme,
  type Referral,
  type ReferralStatus,
} from '../../../../modules/referrals/index.js';
import { validationError } from '../../../../lib/app-error.js';
import { httpStatusByCode } from '../../../errors.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { Card, Facts } from '../../components/detail.js';
import type { FormState } from '../../components/form.js';
import { customerIdsMatching } from '../../customer-search.js';
import { setFlash } from '../../flash.js';
import { failedForm, formValues } from '../../form-state.js';
import { formatDate } from '../../format.js';
import { pageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { parseTableQuery } from '../../table-query.js';
import { ProgrammeForm, type CouponOption } from './programme-form.js';
import { programmeFrom, programmeValues } from './programme-form-values.js';
import { outcomeLabel, ReferralStatusBadge, rewardKindLabels } from './referral-labels.js';

const querySpec = {
  sortKeys: ['attributedAt'],
  defaultSort: 'attributedAt',
  defaultDir: 'desc' as const,
  filters: { status: referralStatuses },
};

type Row = Referral & { referrer: Customer | undefined; referred: Customer | undefined };

const customerLink = (id: string, customer: Customer | undefined) => (
  <a href={`/admin/customers/${id}`}>{customer?.name ?? 'Customer'}</a>
);

const columns: Column<Row>[] = [
  { key: 'referrer', label: 'Referrer', render: (row) => customerLink(row.referrerId, row.referrer) },
  { key: 'referred', label: 'Referred', render: (row) => customerLink(row.referredId, row.referred) },
  { key: 'code', label: 'Code', render: (row) => <code>{row.code}</code> },
  { key: 'status', label: 'Status', render: (row) => <ReferralStatusBadge status={row.status} /> },
  { key: 'outcome', label: 'Outcome', render: outcomeLabel },
  {
    key: 'attributedAt',
    label: 'Referred on',
    class: 'nowrap',
    render: (row) => formatDate(row.attributedAt),
  },
];

/** Live coupons for any plan, the ones a reward can give. */
async function couponOptions(services: AppServices): Promise<CouponOption[]> {
  const { rows } = await listCoupons(services.db, {
    status: 'active',
    at: services.clock.now(),
    sort: 'name',
    direction: 'asc',
    page: 1,
    pageSize: 100,
  });
  return rows.filter((coupon) => coupon.planIds.length === 0);
}

/** GET /admin/referrals (the programme and every referral) and POST /admin/referrals/programme. */
export function registerReferralRoutes(app: FastifyInstance, services: AppServices): void {
  const render = async (request: FastifyRequest, reply: FastifyReply, refused?: FormState, status = 200) => {
    const query = parseTableQuery(request.query, querySpec);
    const ctx = pageContext(request, reply, services.assets);
    const canEdit = ctx.user !== null && roleAtLeast(ctx.user.role, 'manager');
    const programme = await getReferralProgramme(services.db);
    const { rows, total } = await listReferrals(services.db, {
      customerIds: await customerIdsMatching(services.db, query.q),
      status: query.filters['status'] as ReferralStatus | undefined,
      page: query.page,
      pageSize: query.per,
    });
    const customers = await findCustomers(
      services.db,
      rows.flatMap((row) => [row.referrerId, row.referredId]),
    );
    const tableRows = rows.map((row) => ({
      ...row,
      referrer: customers.get(row.referrerId),
      referred: customers.get(row.referredId),
    }));
    return sendPage(
      reply,
      <AdminLayout ctx={ctx} title="Referrals">
        <div class="stack">
          {canEdit ? (
            <ProgrammeForm
              csrfToken={ctx.csrfToken}
              form={refused ?? { values: programmeValues(programme), errors: {} }}
              coupons={await couponOptions(services)}
            />
          ) : (
            <Card title="Programme">
              <Facts
                items={[
                  ['Status', programme.enabled ? 'On' : 'Off'],
                  ['Reward', `${rewardKindLabels[programme.rewardKind]} ${programme.rewardUnit ?? ''}`],
                  ['Tiers', programme.tiers.map((tier) => `${tier.months}+ months`).join(', ')],
                ]}
              />
            </Card>
          )}
          <DataTable
            id="referrals"
            basePath="/admin/referrals"
            columns={columns}
            rows={tableRows}
            total={total}
            query={query}
            searchPlaceholder="Search the referrer's or referred customer's name or email"
            filters={[
              {
                name: 'status',
                label: 'Statuses',
                options: referralStatuses.map((value) => ({ value, label: value })),
              },
            ]}
            empty={{
              title: 'No referrals yet',
              body: 'Every customer has a referral code and link on their page. When a customer is referred (by their referrer’s code, on their page or through the API), the referral shows here until their first payment rewards the referrer.',
            }}
          />
        </div>
      </AdminLayout>,
      status,
    );
  };

  app.get('/admin/referrals', { preHandler: requireRole('viewer') }, async (request, reply) =>
    render(request, reply),
  );

  app.post('/admin/referrals/programme', { preHandler: requireRole('manager') }, async (request, reply) => {
    const values = formValues(request.body);
    const { input, onRows, errors } = programmeFrom(values);
    const refuse = (error: unknown) => {
      const form = failedForm(error, values);
      return render(request, reply, form, httpStatusByCode[form.code]);
    };
    // Money that is not an amount of the currency is refused before the rest (already by row).
    if (Object.keys(errors).length > 0) return refuse(validationError(errors));
    try {
      await updateReferralProgramme(services.referrals, input, actorOf(request));
    } catch (error) {
      return refuse(onRows(error));
    }
    setFlash(reply, { kind: 'success', text: 'Referral programme saved.' });
    return reply.code(303).redirect('/admin/referrals');
  });
}
