import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import { getPlan, type PlanDetail } from '../../../../modules/catalog/index.js';
import { getCustomer, type Customer } from '../../../../modules/customers/index.js';
import {
  allowedSubscriptionActions,
  applySubscriptionAction,
  getSubscription,
  type SubscriptionWithTimeline,
} from '../../../../modules/subscriptions/index.js';
import { httpStatusByCode } from '../../../errors.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { Card, DetailHeader, Facts } from '../../components/detail.js';
import { Field, FormAlert, PostForm, SelectField, emptyForm, type FormState } from '../../components/form.js';
import { Timeline } from '../../components/timeline.js';
import { setFlash } from '../../flash.js';
import { failedForm, formValues } from '../../form-state.js';
import { formatDateTime } from '../../format.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { billingLabel, priceLabel } from '../catalog/catalog-labels.js';
import { StateBadge, actionLabel } from './subscription-labels.js';

interface PageData {
  subscription: SubscriptionWithTimeline;
  customer: Customer;
  plan: PlanDetail;
}

function SubscriptionPage(props: { ctx: PageContext; data: PageData; form: FormState }) {
  const { ctx, form } = props;
  const { subscription, customer, plan } = props.data;
  const bought = plan.priceHistory.find((price) => price.id === subscription.priceId);
  const actions = allowedSubscriptionActions(subscription.state);
  const canAct = ctx.user !== null && roleAtLeast(ctx.user.role, 'support') && actions.length > 0;
  return (
    <AdminLayout ctx={ctx} title="Subscription">
      <nav class="breadcrumb muted" aria-label="Breadcrumb">
        <a href={`/admin/customers/${customer.id}`}>{customer.name}</a> / subscription
      </nav>
      <DetailHeader
        title={`${plan.product.name} · ${plan.name}`}
        subtitle={customer.email}
        badges={<StateBadge state={subscription.state} />}
      />
      <div class="grid-2">
        <div class="stack">
          <Card title="Details">
            <Facts
              items={[
                ['Customer', <a href={`/admin/customers/${customer.id}`}>{customer.name}</a>],
                [
                  'Plan',
                  <a href={`/admin/catalog/plans/${plan.id}`}>{`${plan.product.name} · ${plan.name}`}</a>,
                ],
                [
                  'Price',
                  bought
                    ? `${priceLabel(bought)} ${billingLabel(plan)} (version ${bought.version}${bought.supersededAt ? ', kept after a price change' : ''})`
                    : '—',
                ],
                ['Quantity', String(subscription.quantity)],
                [
                  'Current period',
                  `${formatDateTime(subscription.currentPeriodStart)} → ${formatDateTime(subscription.currentPeriodEnd)}`,
                ],
                ['Trial ends', formatDateTime(subscription.trialEndsAt)],
                ['Time zone', subscription.timeZone],
                ['Canceled', formatDateTime(subscription.canceledAt)],
                ['Ended', formatDateTime(subscription.endedAt)],
              ]}
            />
          </Card>
          {canAct && (
            <Card title="Change state">
              <FormAlert message={form.message} />
              <PostForm action={`/admin/subscriptions/${subscription.id}/actions`} csrfToken={ctx.csrfToken}>
                <div class="form-row">
                  <SelectField
                    label="Action"
                    name="action"
                    form={form}
                    options={actions.map((action) => ({ value: action, label: actionLabel(action) }))}
                  />
                  <Field label="Reason" name="reason" form={form} required hint="Shown in the timeline." />
                </div>
                <button type="submit" class="button">
                  Apply
                </button>
              </PostForm>
            </Card>
          )}
        </div>
        <Card title="Timeline">
          <Timeline
            items={subscription.transitions.map((step) => ({
              at: step.occurredAt,
              title: step.fromState
                ? `${actionLabel(step.action)}: ${step.fromState} → ${step.toState}`
                : `Started as ${step.toState}`,
              actor: step.actorLabel,
              detail: step.reason,
            }))}
          />
        </Card>
      </div>
    </AdminLayout>
  );
}

async function loadPage(services: AppServices, id: string): Promise<PageData> {
  const subscription = await getSubscription(services.db, id);
  const [customer, plan] = await Promise.all([
    getCustomer(services.db, subscription.customerId),
    getPlan(services.db, subscription.planId),
  ]);
  return { subscription, customer, plan };
}

/** GET /admin/subscriptions/:id and POST …/actions: a subscription, its timeline, and moving it by one action. */
export function registerSubscriptionPageRoutes(app: FastifyInstance, services: AppServices): void {
  type Params = { Params: { id: string } };
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: FormState & { code?: string },
    status = 200,
  ) =>
    sendPage(
      reply,
      <SubscriptionPage
        ctx={pageContext(request, reply, services.assets)}
        data={await loadPage(services, id)}
        form={form}
      />,
      status,
    );

  app.get<Params>('/admin/subscriptions/:id', { preHandler: requireRole('viewer') }, async (request, reply) =>
    render(request, reply, request.params.id, emptyForm),
  );

  app.post<Params>(
    '/admin/subscriptions/:id/actions',
    { preHandler: requireRole('support') },
    async (request, reply) => {
      const values = formValues(request.body);
      try {
        const after = await applySubscriptionAction(
          services.subscriptions,
          request.params.id,
          { action: (values['action'] ?? '') as never, reason: values['reason'] ?? '' },
          actorOf(request),
        );
        setFlash(reply, { kind: 'success', text: `Now ${after.state.replace('_', ' ')}.` });
      } catch (error) {
        const form = failedForm(error, values);
        if (form.code === 'not_found') throw error;
        return render(request, reply, request.params.id, form, httpStatusByCode[form.code]);
      }
      return reply.code(303).redirect(`/admin/subscriptions/${request.params.id}`);
    },
  );
}
