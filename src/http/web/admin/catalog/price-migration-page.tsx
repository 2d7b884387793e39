import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../../lib/app-error.js';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import { getPlan, type PlanDetail } from '../../../../modules/catalog/index.js';
import { findCustomers, type Customer } from '../../../../modules/customers/index.js';
import {
  migratePrices,
  previewPriceMigration,
  type PriceMigrationPreview,
} from '../../../../modules/subscriptions/index.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { Card, DetailHeader } from '../../components/detail.js';
import { Field, FormAlert, SelectField, PostForm, emptyForm, type FormState } from '../../components/form.js';
import { setFlash } from '../../flash.js';
import { failedForm, formValues } from '../../form-state.js';
import { formatDate } from '../../format.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { httpStatusByCode } from '../../../errors.js';
import { billingLabel, priceLabel } from './catalog-labels.js';

// Subscribers listed per page of the preview; the counts always cover all of them.
const perPage = 50;

interface Preview {
  currency: string;
  result: PriceMigrationPreview;
  customers: Map<string, Customer>;
  page: number;
}

interface PageProps {
  ctx: PageContext;
  plan: PlanDetail;
  preview: Preview | undefined;
  /** The currency form, or the confirm form after a refusal. */
  form: FormState;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const migrateUrl = (planId: string) => `/admin/catalog/plans/${planId}/migrate-prices`;

function Pager(props: { plan: PlanDetail; preview: Preview }) {
  const { plan, preview } = props;
  const pages = Math.ceil(preview.result.lines.length / perPage);
  if (pages <= 1) return null;
  const href = (page: number) => `${migrateUrl(plan.id)}?currency=${preview.currency}&page=${page}`;
  return (
    <div class="pagination">
      <span class="muted">
        Page {preview.page} of {pages}
      </span>
      <div class="pager">
        {preview.page > 1 && (
          <a class="button secondary small" href={href(preview.page - 1)} rel="prev">
            Previous
          </a>
        )}
        {preview.page < pages && (
          <a class="button secondary small" href={href(preview.page + 1)} rel="next">
            Next
          </a>
        )}
      </div>
    </div>
  );
}

function SubscriberTable(props: { plan: PlanDetail; preview: Preview }) {
  const { preview } = props;
  const shown = preview.result.lines.slice((preview.page - 1) * perPage, preview.page * perPage);
  const money = (amount: bigint) => priceLabel({ amount, currency: preview.currency });
  return (
    <>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th>Customer</th>
              <th>Quantity</th>
              <th>From</th>
              <th>To</th>
              <th>From the renewal on</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((line) => {
              const customer = preview.customers.get(line.subscription.customerId);
              return (
                <tr>
                  <td data-label="Customer">
                    <a href={`/admin/subscriptions/${line.subscription.id}`}>
                      {customer?.name ?? 'Subscription'}
                    </a>
                  </td>
                  <td data-label="Quantity">{line.subscription.quantity}</td>
                  <td data-label="From" class="nowrap">
                    {money(line.fromAmount)} <span class="muted">(version {line.fromPrice.version})</span>
                  </td>
                  <td data-label="To" class="nowrap">
                    {money(line.toAmount)}
                  </td>
                  <td data-label="From the renewal on" class="nowrap">
                    {formatDate(line.effectiveAt)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Pager {...props} />
    </>
  );
}

function ConfirmForm(props: PageProps & { preview: Preview }) {
  const { ctx, plan, preview } = props;
  const count = preview.result.lines.length;
  return (
    <PostForm action={`${migrateUrl(plan.id)}#confirm`} csrfToken={ctx.csrfToken}>
      <input type="hidden" name="currency" value={preview.currency} />
      {/* The count the operator saw: if subscribers changed since, the page shows the new preview instead. */}
      <input type="hidden" name="count" value={String(count)} />
      <Field
        label="Reason"
        name="reason"
        form={props.form}
        maxLength={500}
        hint="Shown on each subscription's timeline and in the audit log."
      />
      <div class="form-actions">
        <button type="submit" class="button">
          Move {plural(count, 'subscription')}
        </button>
        <a href={`/admin/catalog/plans/${plan.id}`} class="button secondary">
          Cancel
        </a>
      </div>
    </PostForm>
  );
}

function PreviewCard(props: PageProps & { preview: Preview }) {
  const { ctx, preview } = props;
  const { target, lines, skipped } = preview.result;
  const canMigrate = ctx.user !== null && roleAtLeast(ctx.user.role, 'manager');
  return (
    <Card title={`Preview: ${preview.currency}`}>
      <div id="confirm" class="form-anchor stack">
        <p data-testid="migration-summary">
          {lines.length === 0
            ? `Nobody to move: every renewing ${preview.currency} subscriber already pays the current price, ${priceLabel(target)} (version ${target.version}).`
            : `${plural(lines.length, 'subscription')} ${lines.length === 1 ? 'moves' : 'move'} to ${priceLabel(target)} ${billingLabel(props.plan)} (version ${target.version}) at their next renewal. Nobody pays more for time already bought.`}
        </p>
        {skipped > 0 && (
          <p class="muted">
            {plural(skipped, 'subscription')} left alone: a plan change is already booked for the period end.
          </p>
        )}
        <FormAlert message={props.form.message} />
        {lines.length > 0 && <SubscriberTable {...props} />}
        {lines.length > 0 && canMigrate && <ConfirmForm {...props} />}
      </div>
    </Card>
  );
}

function PriceMigrationPage(props: PageProps) {
  const { ctx, plan, preview } = props;
  const currencies = plan.prices.map((price) => price.currency);
  return (
    <AdminLayout ctx={ctx} title="Move subscribers to the current price">
      <nav class="breadcrumb muted" aria-label="Breadcrumb">
        <a href="/admin/catalog">Catalog</a> /{' '}
        <a href={`/admin/catalog/${plan.product.id}`}>{plan.product.name}</a> /{' '}
        <a href={`/admin/catalog/plans/${plan.id}`}>{plan.name}</a> /{' '}
        <span aria-current="page">price migration</span>
      </nav>
      <DetailHeader title={`${plan.product.name} · ${plan.name}`} subtitle={billingLabel(plan)} />
      <div class="stack">
        <Card title="Currency" class="narrow">
          <p class="muted">
            Subscribers keep the price version they bought. This moves those still on an older version to the
            current price in one currency, each from their next renewal. Preview it first.
          </p>
          {currencies.length === 0 ? (
            <p class="muted">This plan has no current price.</p>
          ) : (
            <form method="get" action={migrateUrl(plan.id)} class="form">
              <SelectField
                label="Currency"
                name="currency"
                form={preview ? emptyForm : props.form}
                value={preview?.currency}
                options={currencies.map((currency) => ({ value: currency, label: currency }))}
              />
              <div class="form-actions">
                <button type="submit" class="button secondary">
                  Preview
                </button>
              </div>
            </form>
          )}
        </Card>
        {preview && <PreviewCard {...props} preview={preview} />}
      </div>
    </AdminLayout>
  );
}

async function loadPreview(
  services: AppServices,
  planId: string,
  currency: string,
  page: number,
): Promise<Preview> {
  const result = await previewPriceMigration(services.subscriptions, { planId, currency });
  const pages = Math.max(1, Math.ceil(result.lines.length / perPage));
  const current = Math.min(Math.max(1, page), pages);
  const shown = result.lines.slice((current - 1) * perPage, current * perPage);
  const customers = await findCustomers(
    services.db,
    shown.map((line) => line.subscription.customerId),
  );
  return { currency: result.target.currency, result, customers, page: current };
}

/**
 * GET /admin/catalog/plans/:planId/migrate-prices?currency=… previews moving a plan's grandfathered
 * subscribers to its current price; POST books the move, for each one's next renewal.
 */
export function registerPriceMigrationRoutes(app: FastifyInstance, services: AppServices): void {
  type Params = { Params: { planId: string } };
  type Query = { Querystring: { currency?: string; page?: string } };

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    plan: PlanDetail,
    preview: Preview | undefined,
    form: FormState,
    status = 200,
  ) =>
    sendPage(
      reply,
      <PriceMigrationPage
        ctx={pageContext(request, reply, services.assets)}
        plan={plan}
        preview={preview}
        form={form}
      />,
      status,
    );

  app.get<Params & Query>(
    '/admin/catalog/plans/:planId/migrate-prices',
    { preHandler: requireRole('viewer') },
    async (request, reply) => {
      const plan = await getPlan(services.db, request.params.planId);
      const { currency, page } = request.query;
      if (!currency) return render(request, reply, plan, undefined, emptyForm);
      try {
        const preview = await loadPreview(services, plan.id, currency, Number(page) || 1);
        return render(request, reply, plan, preview, emptyForm);
      } catch (error) {
        const form = failedForm(error, { currency });
        return render(request, reply, plan, undefined, form, httpStatusByCode[form.code]);
      }
    },
  );

  app.post<Params>(
    '/admin/catalog/plans/:planId/migrate-prices',
    { preHandler: requireRole('manager') },
    async (request, reply) => {
      const plan = await getPlan(services.db, request.params.planId);
      const values = formValues(request.body);
      const currency = values['currency'] ?? '';
      let preview: Preview | undefined;
      try {
        // Subscribers may have come or gone since the preview; then show the new one rather than move others.
        preview = await loadPreview(services, plan.id, currency, 1);
        if (String(preview.result.lines.length) !== values['count'])
          throw new AppError(
            'conflict',
            `The subscribers changed since the preview: ${plural(preview.result.lines.length, 'subscription')} would move now. Check the preview again.`,
          );
        const done = await migratePrices(
          services.subscriptions,
          { planId: plan.id, currency, reason: values['reason'] },
          actorOf(request),
        );
        const skipped = done.skipped > 0 ? ` ${plural(done.skipped, 'subscription')} left alone.` : '';
        setFlash(reply, {
          kind: 'success',
          text: `${plural(done.lines.length, 'subscription')} will move to ${priceLabel(done.target)} at their next renewal.${skipped}`,
        });
      } catch (error) {
        const form = failedForm(error, values);
        return render(request, reply, plan, preview, form, httpStatusByCode[form.code]);
      }
      return reply.code(303).redirect(`/admin/catalog/plans/${plan.id}`);
    },
  );
}
