import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import { findPlans, type PlanSummary } from '../../../../modules/catalog/index.js';
import { findCustomers, type Customer } from '../../../../modules/customers/index.js';
import {
  archiveCoupon,
  createPromotionCode,
  deactivatePromotionCode,
  getCoupon,
  listCouponRedemptions,
  updateCoupon,
  type CouponDetail,
  type CouponRedemption,
  type PromotionCode,
} from '../../../../modules/discounts/index.js';
import { discountsContextOf } from '../../../discounts-context.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { ArchiveToggle } from '../../components/archive-toggle.js';
import { Badge, Card, DetailHeader, Facts } from '../../components/detail.js';
import { FormAlert, PostForm } from '../../components/form.js';
import { TimelineCard, type TimelineItem } from '../../components/timeline.js';
import { setFlash } from '../../flash.js';
import { formStateOf, formValues, refusedForm, refusedStatus, type RefusedForm } from '../../form-state.js';
import { formatDateTime } from '../../format.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { auditTimeline } from '../audit-timeline.js';
import { CouponNameField, CouponWindowFields, PromotionCodeFields } from './coupon-form-fields.js';
import { couponSettingsFrom, promotionCodeFrom, withCouponFieldNames } from './coupon-form-values.js';
import {
  CouponStatusBadge,
  couponEventDetail,
  discountLabel,
  durationLabel,
  limitLabel,
  usageLabel,
  windowLabel,
} from './coupon-labels.js';

type FailedForm = RefusedForm<'settings' | 'code'>;

interface DetailProps {
  ctx: PageContext;
  now: Date;
  coupon: CouponDetail;
  plans: Map<string, PlanSummary>;
  redemptions: CouponRedemption[];
  customers: Map<string, Customer>;
  timeline: TimelineItem[];
  failed?: FailedForm | undefined;
}

function codeStatus(code: PromotionCode, now: Date) {
  if (!code.active) return <Badge kind="warn">inactive</Badge>;
  if (code.expiresAt && code.expiresAt <= now) return <Badge kind="warn">expired</Badge>;
  if (code.maxRedemptions !== null && code.timesRedeemed >= code.maxRedemptions)
    return <Badge kind="warn">used up</Badge>;
  return <Badge kind="ok">active</Badge>;
}

function PromotionCodes(props: DetailProps & { canManage: boolean }) {
  const { coupon, ctx, now, canManage } = props;
  if (coupon.promotionCodes.length === 0)
    return <p class="muted">No promotion codes yet: customers can only get this coupon from staff.</p>;
  return (
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th>Code</th>
            <th>Status</th>
            <th>Redeemed</th>
            <th>Per customer</th>
            <th>First-time only</th>
            <th>Expires</th>
            {canManage && <th></th>}
          </tr>
        </thead>
        <tbody>
          {coupon.promotionCodes.map((code) => (
            <tr>
              <td data-label="Code">
                <code>{code.code}</code>
              </td>
              <td data-label="Status">{codeStatus(code, now)}</td>
              <td data-label="Redeemed">{usageLabel(code.timesRedeemed, code.maxRedemptions)}</td>
              <td data-label="Per customer">{limitLabel(code.perCustomerLimit)}</td>
              <td data-label="First-time only">{code.firstTimeOnly ? 'yes' : 'no'}</td>
              <td data-label="Expires" class="nowrap">
                {code.expiresAt ? formatDateTime(code.expiresAt) : 'never'}
              </td>
              {canManage && (
                <td>
                  {code.active && (
                    <PostForm
                      action={`/admin/promotion-codes/${code.id}/deactivate`}
                      csrfToken={ctx.csrfToken}
                      class="inline-form"
                    >
                      <button type="submit" class="button secondary small">
                        Deactivate
                      </button>
                    </PostForm>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Redemptions(props: DetailProps) {
  const { coupon, redemptions, customers } = props;
  if (redemptions.length === 0) return <p class="muted">Not redeemed yet.</p>;
  const codes = new Map(coupon.promotionCodes.map((code) => [code.id, code.code]));
  return (
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th>Customer</th>
            <th>Code</th>
            <th>On</th>
            <th>Periods left</th>
            <th>Redeemed</th>
            <th>Ended</th>
          </tr>
        </thead>
        <tbody>
          {redemptions.map((redemption) => {
            const customer = customers.get(redemption.customerId);
            return (
              <tr>
                <td data-label="Customer">
                  <a href={`/admin/customers/${redemption.customerId}`}>
                    {customer ? customer.name || customer.email : redemption.customerId}
                  </a>
                </td>
                <td data-label="Code">
                  {redemption.promotionCodeId ? (
                    <code>{codes.get(redemption.promotionCodeId)}</code>
                  ) : (
                    'granted'
                  )}
                </td>
                <td data-label="On">
                  {redemption.subscriptionId ? (
                    <a href={`/admin/subscriptions/${redemption.subscriptionId}`}>subscription</a>
                  ) : (
                    'next invoice'
                  )}
                </td>
                <td data-label="Periods left">{redemption.periodsLeft ?? 'forever'}</td>
                <td data-label="Redeemed" class="nowrap">
                  {formatDateTime(redemption.redeemedAt)}
                </td>
                <td data-label="Ended" class="nowrap">
                  {redemption.endedAt ? formatDateTime(redemption.endedAt) : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function CouponDetailPage(props: DetailProps) {
  const { ctx, coupon, now, plans } = props;
  const canManage = ctx.user !== null && roleAtLeast(ctx.user.role, 'manager');
  const settings = formStateOf(props.failed, 'settings');
  const codeForm = formStateOf(props.failed, 'code');
  const statusForm = canManage && (
    <ArchiveToggle
      path={`/admin/coupons/${coupon.id}`}
      csrfToken={ctx.csrfToken}
      archived={coupon.archivedAt !== null}
      noun="coupon"
    />
  );
  const planNames = coupon.planIds.map((id) => {
    const plan = plans.get(id);
    return plan ? `${plan.productName} · ${plan.name}` : id;
  });
  return (
    <AdminLayout ctx={ctx} title="Coupon">
      <nav class="breadcrumb muted" aria-label="Breadcrumb">
        <a href="/admin/coupons">Coupons</a> / <span aria-current="page">{coupon.name}</span>
      </nav>
      <DetailHeader
        title={coupon.name}
        subtitle={`${discountLabel(coupon)} · ${durationLabel(coupon)}`}
        badges={<CouponStatusBadge coupon={coupon} now={now} />}
        actions={statusForm}
      />
      <div class="stack">
        <div class="grid-2">
          <div class="stack">
            <Card title="Details">
              <Facts
                items={[
                  ['Discount', discountLabel(coupon)],
                  ['Applies', durationLabel(coupon)],
                  ['Plans', planNames.length ? planNames.join(', ') : 'any plan'],
                  ['Redeemed', usageLabel(coupon.timesRedeemed, coupon.maxRedemptions)],
                  ['Per customer', limitLabel(coupon.perCustomerLimit)],
                  ['First-time customers only', coupon.firstTimeOnly ? 'yes' : 'no'],
                  ['Valid', windowLabel(coupon)],
                  ['Created', formatDateTime(coupon.createdAt)],
                  ['Archived', coupon.archivedAt ? formatDateTime(coupon.archivedAt) : 'No'],
                ]}
              />
            </Card>
            <TimelineCard items={props.timeline} />
          </div>
          <div class="stack">
            {canManage && (
              <Card title="Settings">
                <div id="coupon-settings" class="form-anchor">
                  <FormAlert message={settings.message} />
                  <PostForm action={`/admin/coupons/${coupon.id}#coupon-settings`} csrfToken={ctx.csrfToken}>
                    <CouponNameField form={settings} coupon={coupon} />
                    <CouponWindowFields form={settings} coupon={coupon} />
                    <div class="hint">
                      What it takes off and for how long are fixed: redemptions already made were promised
                      that.
                    </div>
                    <div class="form-actions">
                      <button type="submit" class="button">
                        Save settings
                      </button>
                    </div>
                  </PostForm>
                </div>
              </Card>
            )}
          </div>
        </div>
        <Card title="Promotion codes">
          <PromotionCodes {...props} canManage={canManage} />
          {canManage && !coupon.archivedAt && (
            <div id="add-code" class="form-anchor">
              <h3>Add a code</h3>
              <FormAlert message={codeForm.message} />
              <PostForm
                action={`/admin/coupons/${coupon.id}/promotion-codes#add-code`}
                csrfToken={ctx.csrfToken}
              >
                <PromotionCodeFields form={codeForm} />
                <div class="form-actions">
                  <button type="submit" class="button">
                    Add code
                  </button>
                </div>
              </PostForm>
            </div>
          )}
        </Card>
        <Card title="Redemptions">
          <p class="muted">The latest 100, newest first.</p>
          <Redemptions {...props} />
        </Card>
      </div>
    </AdminLayout>
  );
}

/** GET /admin/coupons/:couponId and its actions: settings, promotion codes, archive/restore. */
export function registerCouponDetailRoutes(app: FastifyInstance, services: AppServices): void {
  type Params = { Params: { couponId: string } };
  const discounts = discountsContextOf(services);
  const render = async (request: FastifyRequest, reply: FastifyReply, id: string, failed?: FailedForm) => {
    const coupon = await getCoupon(services.db, id);
    const [plans, redemptions, timeline] = await Promise.all([
      findPlans(services.db, coupon.planIds),
      listCouponRedemptions(services.db, id),
      auditTimeline(services.db, 'coupon', id, couponEventDetail),
    ]);
    const customers = await findCustomers(
      services.db,
      redemptions.map((redemption) => redemption.customerId),
    );
    return sendPage(
      reply,
      <CouponDetailPage
        ctx={pageContext(request, reply, services.assets)}
        now={services.clock.now()}
        coupon={coupon}
        plans={plans}
        redemptions={redemptions}
        customers={customers}
        timeline={timeline}
        failed={failed}
      />,
      refusedStatus(failed),
    );
  };
  const refused = (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    name: FailedForm['name'],
    error: unknown,
    values: Record<string, string>,
  ) =>
    render(request, reply, request.params.couponId, refusedForm(name, withCouponFieldNames(error), values));
  const back = (reply: FastifyReply, couponId: string) =>
    reply.code(303).redirect(`/admin/coupons/${couponId}`);

  app.get<Params>('/admin/coupons/:couponId', { preHandler: requireRole('viewer') }, async (request, reply) =>
    render(request, reply, request.params.couponId),
  );

  app.post<Params>(
    '/admin/coupons/:couponId',
    { preHandler: requireRole('manager') },
    async (request, reply) => {
      const values = formValues(request.body);
      try {
        await updateCoupon(discounts, request.params.couponId, couponSettingsFrom(values), actorOf(request));
      } catch (error) {
        return refused(request, reply, 'settings', error, values);
      }
      setFlash(reply, { kind: 'success', text: 'Settings saved.' });
      return back(reply, request.params.couponId);
    },
  );

  app.post<Params>(
    '/admin/coupons/:couponId/promotion-codes',
    { preHandler: requireRole('manager') },
    async (request, reply) => {
      const values = formValues(request.body);
      try {
        const code = await createPromotionCode(
          discounts,
          request.params.couponId,
          promotionCodeFrom(values),
          actorOf(request),
        );
        setFlash(reply, { kind: 'success', text: `Code ${code.code} added.` });
      } catch (error) {
        return refused(request, reply, 'code', error, values);
      }
      return back(reply, request.params.couponId);
    },
  );

  app.post<Params>(
    '/admin/coupons/:couponId/status',
    { preHandler: requireRole('manager') },
    async (request, reply) => {
      const archived = formValues(request.body)['archived'] === 'true';
      await archiveCoupon(discounts, request.params.couponId, archived, actorOf(request));
      setFlash(reply, {
        kind: 'success',
        text: archived
          ? 'Coupon archived: it can no longer be redeemed; redemptions already made keep applying.'
          : 'Coupon restored: it can be redeemed again.',
      });
      return back(reply, request.params.couponId);
    },
  );

  app.post<{ Params: { codeId: string } }>(
    '/admin/promotion-codes/:codeId/deactivate',
    { preHandler: requireRole('manager') },
    async (request, reply) => {
      const code = await deactivatePromotionCode(discounts, request.params.codeId, actorOf(request));
      setFlash(reply, {
        kind: 'success',
        text: `Code ${code.code} deactivated: it can no longer be redeemed.`,
      });
      return back(reply, code.couponId);
    },
  );
}
