import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import {
  getPlan,
  setPlanArchived,
  setPlanPrice,
  updatePlan,
  type PlanDetail,
} from '../../../../modules/catalog/index.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { ArchiveToggle } from '../../components/archive-toggle.js';
import { Badge, Card, DetailHeader, Facts } from '../../components/detail.js';
import { Field, FormAlert, PostForm } from '../../components/form.js';
import { TimelineCard, type TimelineItem } from '../../components/timeline.js';
import { setFlash } from '../../flash.js';
import { formStateOf, formValues, refusedStatus, type RefusedForm } from '../../form-state.js';
import { formatDateTime } from '../../format.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { planSettingsFrom, priceFrom, refusedCatalogForm } from './catalog-form-values.js';
import {
  billingLabel,
  creditsLabel,
  kindLabels,
  oneTrialLabel,
  priceLabel,
  reactivationLabel,
  timingLabels,
  trialLabel,
} from './catalog-labels.js';
import { catalogTimeline } from './catalog-timeline.js';
import { EntitlementKeys } from './entitlement-keys.js';
import { PlanSettingsFields, PriceFields, RecurringRulesFields, TrialDaysField } from './plan-form-fields.js';
import { PriceHistoryTable } from './price-history.js';
import { ProductBreadcrumb } from './product-breadcrumb.js';
import { SetPriceForm } from './set-price-form.js';

type FailedForm = RefusedForm<'settings' | 'price'>;

interface DetailProps {
  ctx: PageContext;
  plan: PlanDetail;
  timeline: TimelineItem[];
  failed?: FailedForm | undefined;
}

function CurrentPrices(props: { plan: PlanDetail }) {
  if (props.plan.prices.length === 0) return <p class="muted">No current price.</p>;
  return (
    <Facts
      items={props.plan.prices.map((price) => [
        price.currency,
        <>
          <strong>{priceLabel(price)}</strong>
          {price.setupFee > 0n && (
            <span class="muted"> + {priceLabel({ ...price, amount: price.setupFee })} setup</span>
          )}
          <span class="muted"> · version {price.version}</span>
        </>,
      ])}
    />
  );
}

function PriceHistory(props: { plan: PlanDetail }) {
  return (
    <PriceHistoryTable
      prices={props.plan.priceHistory}
      columns={[
        { label: 'Currency', render: (price) => price.currency },
        { label: 'Version', render: (price) => price.version },
        { label: 'Amount', render: (price) => priceLabel(price) },
        { label: 'Setup fee', render: (price) => priceLabel({ ...price, amount: price.setupFee }) },
      ]}
    />
  );
}

function SetPrice(props: DetailProps) {
  const { ctx, plan } = props;
  const form = formStateOf(props.failed, 'price');
  return (
    <SetPriceForm
      path={`/admin/catalog/plans/${plan.id}`}
      csrfToken={ctx.csrfToken}
      form={form}
      archived={plan.archivedAt !== null}
      noun="plan"
    >
      <PriceFields form={form} currency={plan.prices[0]?.currency} />
    </SetPriceForm>
  );
}

function PlanDetailPage(props: DetailProps) {
  const { ctx, plan } = props;
  const canManage = ctx.user !== null && roleAtLeast(ctx.user.role, 'manager');
  const settings = formStateOf(props.failed, 'settings');
  const statusForm = canManage && (
    <ArchiveToggle
      path={`/admin/catalog/plans/${plan.id}`}
      csrfToken={ctx.csrfToken}
      archived={plan.archivedAt !== null}
      noun="plan"
    />
  );
  return (
    <AdminLayout ctx={ctx} title="Plan">
      <ProductBreadcrumb product={plan.product} current={plan.name} />
      <DetailHeader
        title={plan.name}
        subtitle={`${billingLabel(plan)} · ${kindLabels[plan.product.kind]}`}
        badges={
          <>
            <Badge kind="kind">{plan.code}</Badge>
            {plan.archivedAt && <Badge kind="warn">archived</Badge>}
            {plan.product.archivedAt && <Badge kind="warn">product archived</Badge>}
          </>
        }
        actions={statusForm}
      />
      <div class="stack">
        <div class="grid-2">
          <div class="stack">
            <Card title="Details">
              <Facts
                items={[
                  ['Product', <a href={`/admin/catalog/${plan.product.id}`}>{plan.product.name}</a>],
                  ['Code', <code>{plan.code}</code>],
                  ['Billing', billingLabel(plan)],
                  ['Trial', trialLabel(plan.trialDays)],
                  ...(plan.intervalUnit === null
                    ? []
                    : ([
                        ['Trial given', oneTrialLabel(plan.oneTrialPerCustomer)],
                        ['Reactivation', reactivationLabel(plan.reactivationGraceDays)],
                      ] as [string, string][])),
                  ['Entitlements', <EntitlementKeys keys={plan.entitlementKeys} />],
                  ['Credits', creditsLabel(plan)],
                  ['Upgrades', timingLabels[plan.upgradeTiming]],
                  ['Downgrades', timingLabels[plan.downgradeTiming]],
                  ['Created', formatDateTime(plan.createdAt)],
                  ['Archived', plan.archivedAt ? formatDateTime(plan.archivedAt) : 'No'],
                ]}
              />
            </Card>
            <Card title="Current prices">
              <CurrentPrices plan={plan} />
            </Card>
            {canManage && (
              <Card title="Set price">
                <p class="muted">
                  Adds a new version of the price in that currency for new subscribers. Existing subscribers
                  keep the price they bought.
                </p>
                <SetPrice {...props} />
              </Card>
            )}
          </div>
          <div class="stack">
            {canManage && (
              <Card title="Settings">
                <div id="plan-settings" class="form-anchor">
                  <FormAlert message={settings.message} />
                  <PostForm
                    action={`/admin/catalog/plans/${plan.id}#plan-settings`}
                    csrfToken={ctx.csrfToken}
                  >
                    <div class="form-row">
                      <Field
                        label="Name"
                        name="name"
                        value={plan.name}
                        form={settings}
                        required
                        maxLength={120}
                      />
                      {plan.intervalUnit !== null && <TrialDaysField form={settings} plan={plan} />}
                    </div>
                    {plan.intervalUnit !== null && <RecurringRulesFields form={settings} plan={plan} />}
                    <PlanSettingsFields
                      form={settings}
                      plan={plan}
                      billing={plan.intervalUnit === null ? 'one_time' : 'recurring'}
                    />
                    <div class="hint">
                      The code and billing interval are fixed: subscribers' periods depend on them.
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
            <TimelineCard items={props.timeline} />
          </div>
        </div>
        <Card title="Price history">
          <p class="muted">
            Every price this plan has had. A change adds a version and closes the previous one; existing
            subscribers keep the price they bought until they are{' '}
            <a href={`/admin/catalog/plans/${plan.id}/migrate-prices`}>moved to the current price</a>.
          </p>
          <PriceHistory plan={plan} />
        </Card>
      </div>
    </AdminLayout>
  );
}

/** GET /admin/catalog/plans/:planId and its actions: settings, a new price, archive/restore. */
export function registerPlanDetailRoutes(app: FastifyInstance, services: AppServices): void {
  type Params = { Params: { planId: string } };
  const render = async (request: FastifyRequest, reply: FastifyReply, id: string, failed?: FailedForm) => {
    const [plan, timeline] = await Promise.all([
      getPlan(services.db, id),
      catalogTimeline(services, 'plan', id),
    ]);
    return sendPage(
      reply,
      <PlanDetailPage
        ctx={pageContext(request, reply, services.assets)}
        plan={plan}
        timeline={timeline}
        failed={failed}
      />,
      refusedStatus(failed),
    );
  };
  const back = (request: FastifyRequest<Params>, reply: FastifyReply) =>
    reply.code(303).redirect(`/admin/catalog/plans/${request.params.planId}`);

  app.get<Params>(
    '/admin/catalog/plans/:planId',
    { preHandler: requireRole('viewer') },
    async (request, reply) => render(request, reply, request.params.planId),
  );

  app.post<Params>(
    '/admin/catalog/plans/:planId',
    { preHandler: requireRole('manager') },
    async (request, reply) => {
      const values = formValues(request.body);
      try {
        await updatePlan(services.catalog, request.params.planId, planSettingsFrom(values), actorOf(request));
      } catch (error) {
        return render(request, reply, request.params.planId, refusedCatalogForm('settings', error, values));
      }
      setFlash(reply, { kind: 'success', text: 'Settings saved.' });
      return back(request, reply);
    },
  );

  app.post<Params>(
    '/admin/catalog/plans/:planId/prices',
    { preHandler: requireRole('manager') },
    async (request, reply) => {
      const values = formValues(request.body);
      try {
        const before = await getPlan(services.db, request.params.planId);
        const input = priceFrom(values);
        const current = before.prices.find((price) => price.currency === input.currency);
        const price = await setPlanPrice(services.catalog, request.params.planId, input, actorOf(request));
        const text =
          price.id === current?.id
            ? `Price unchanged: ${price.currency} is already ${priceLabel(price)}.`
            : `New ${price.currency} price ${priceLabel(price)} (version ${price.version}). Existing subscribers keep the price they bought.`;
        setFlash(reply, { kind: price.id === current?.id ? 'info' : 'success', text });
      } catch (error) {
        return render(request, reply, request.params.planId, refusedCatalogForm('price', error, values));
      }
      return back(request, reply);
    },
  );

  app.post<Params>(
    '/admin/catalog/plans/:planId/status',
    { preHandler: requireRole('manager') },
    async (request, reply) => {
      const archived = formValues(request.body)['archived'] === 'true';
      await setPlanArchived(services.catalog, request.params.planId, archived, actorOf(request));
      setFlash(reply, {
        kind: 'success',
        text: archived
          ? 'Plan archived: no new subscriptions; existing ones carry on.'
          : 'Plan restored: it can be bought again.',
      });
      return back(request, reply);
    },
  );
}
