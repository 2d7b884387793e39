import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import {
  createAddon,
  createPlan,
  getProduct,
  listProductAddons,
  setProductArchived,
  updateProduct,
  type AddonWithPrices,
  type ProductWithPlans,
} from '../../../../modules/catalog/index.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { ArchiveToggle } from '../../components/archive-toggle.js';
import { Badge, Card, DetailHeader, Facts } from '../../components/detail.js';
import { Field, FormAlert, PostForm, SelectField, TextAreaField } from '../../components/form.js';
import { PlainTable } from '../../components/plain-table.js';
import { TimelineCard, type TimelineItem } from '../../components/timeline.js';
import { setFlash } from '../../flash.js';
import { formStateOf, formValues, refusedStatus, type RefusedForm } from '../../form-state.js';
import { formatDateTime } from '../../format.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { AddonSettingsFields, optionGroupsOf } from './addon-form-fields.js';
import { createAddonFrom } from './addon-form-values.js';
import { createPlanFrom, refusedCatalogForm } from './catalog-form-values.js';
import {
  addonPricesLabel,
  billingLabel,
  billingOptions,
  kindLabels,
  maxQuantityLabel,
  pricesLabel,
  trialLabel,
} from './catalog-labels.js';
import { catalogTimeline } from './catalog-timeline.js';
import { PlanSettingsFields, PriceFields, RecurringRulesFields, TrialDaysField } from './plan-form-fields.js';
import { usualCurrency } from './usual-currency.js';

type FailedForm = RefusedForm<'edit' | 'plan' | 'addon'>;

interface DetailProps {
  ctx: PageContext;
  product: ProductWithPlans;
  addons: AddonWithPrices[];
  timeline: TimelineItem[];
  failed?: FailedForm | undefined;
}

/** A plan's or an add-on's state in the product's tables: archived ones can no longer be bought. */
const statusBadge = (item: { archivedAt: Date | null }) =>
  item.archivedAt ? <Badge kind="warn">archived</Badge> : <Badge kind="ok">active</Badge>;

function PlansTable(props: { product: ProductWithPlans }) {
  const { product } = props;
  if (product.plans.length === 0) {
    return <p class="muted">No plans yet. A plan sets how this product bills and what it costs.</p>;
  }
  return (
    <PlainTable
      rows={product.plans}
      columns={[
        { label: 'Plan', render: (plan) => <a href={`/admin/catalog/plans/${plan.id}`}>{plan.name}</a> },
        { label: 'Code', render: (plan) => <code>{plan.code}</code> },
        { label: 'Billing', render: (plan) => billingLabel(plan) },
        { label: 'Trial', render: (plan) => trialLabel(plan.trialDays) },
        { label: 'Price', render: (plan) => pricesLabel(plan.prices) },
        { label: 'Status', render: statusBadge },
      ]}
    />
  );
}

function AddonsTable(props: { product: ProductWithPlans; addons: AddonWithPrices[] }) {
  if (props.addons.length === 0) {
    return (
      <p class="muted">
        {props.product.kind === 'one_time'
          ? 'A one-time product takes no add-ons: they are billed with recurring plans.'
          : 'No add-ons yet. An add-on is bought on top of a plan: an extra stream, or one choice of an option such as +4 GB RAM.'}
      </p>
    );
  }
  return (
    <PlainTable
      rows={props.addons}
      columns={[
        {
          label: 'Add-on',
          render: (addon) => <a href={`/admin/catalog/addons/${addon.id}`}>{addon.name}</a>,
        },
        { label: 'Code', render: (addon) => <code>{addon.code}</code> },
        { label: 'Group', render: (addon) => addon.optionGroup ?? '—' },
        { label: 'Quantity', render: (addon) => maxQuantityLabel(addon.maxQuantity) },
        { label: 'Prices', render: (addon) => addonPricesLabel(addon.prices) },
        { label: 'Status', render: statusBadge },
      ]}
    />
  );
}

function AddAddonForm(props: DetailProps) {
  const { ctx, product } = props;
  const form = formStateOf(props.failed, 'addon');
  if (product.archivedAt || product.kind === 'one_time') {
    return (
      <>
        <FormAlert message={form.message} />
        <p class="muted">
          {product.archivedAt
            ? 'This product is archived. Restore it to add add-ons.'
            : 'A one-time product takes no add-ons.'}
        </p>
      </>
    );
  }
  return (
    <div id="add-addon" class="form-anchor">
      <FormAlert message={form.message} />
      <PostForm action={`/admin/catalog/${product.id}/addons#add-addon`} csrfToken={ctx.csrfToken}>
        <div class="form-row">
          <Field label="Name" name="name" form={form} required maxLength={120} />
          <Field
            label="Code"
            name="code"
            form={form}
            required
            maxLength={63}
            hint="Unique and fixed, e.g. ram-8gb."
          />
        </div>
        <AddonSettingsFields form={form} groups={optionGroupsOf(props.addons)} />
        <div class="hint">Its prices, per currency and billing interval, are set on the add-on's page.</div>
        <div class="form-actions">
          <button type="submit" class="button">
            Add add-on
          </button>
        </div>
      </PostForm>
    </div>
  );
}

function AddPlanForm(props: DetailProps) {
  const { ctx, product } = props;
  const form = formStateOf(props.failed, 'plan');
  if (product.archivedAt) {
    return (
      <>
        <FormAlert message={form.message} />
        <p class="muted">This product is archived. Restore it to add plans.</p>
      </>
    );
  }
  const oneTime = product.kind === 'one_time';
  return (
    <div id="add-plan" class="form-anchor">
      <FormAlert message={form.message} />
      <PostForm action={`/admin/catalog/${product.id}/plans#add-plan`} csrfToken={ctx.csrfToken}>
        <div class="form-row">
          <Field label="Name" name="name" form={form} required maxLength={120} />
          <Field
            label="Code"
            name="code"
            form={form}
            required
            maxLength={63}
            hint="Unique and fixed, e.g. plex-monthly."
          />
        </div>
        <div class="form-row compact">
          {!oneTime && (
            <Field label="Every" name="intervalCount" type="number" form={form} value="1" hint="e.g. 3" />
          )}
          <SelectField
            label="Billing unit"
            name="intervalUnit"
            options={billingOptions(product.kind)}
            value={oneTime ? 'one_time' : 'month'}
            form={form}
            hint="Fixed once created."
          />
          {!oneTime && <TrialDaysField form={form} />}
        </div>
        {!oneTime && <RecurringRulesFields form={form} />}
        <PlanSettingsFields
          form={form}
          billing={oneTime ? 'one_time' : product.kind === 'membership' ? 'recurring' : 'either'}
        />
        <div class="hint">
          Its first price; other currencies and later changes are set on the plan's page.
        </div>
        <PriceFields form={form} currency={usualCurrency(product)} />
        <div class="form-actions">
          <button type="submit" class="button">
            Add plan
          </button>
        </div>
      </PostForm>
    </div>
  );
}

function ProductDetailPage(props: DetailProps) {
  const { ctx, product } = props;
  const canManage = ctx.user !== null && roleAtLeast(ctx.user.role, 'manager');
  const edit = formStateOf(props.failed, 'edit');
  const statusForm = canManage && (
    <ArchiveToggle
      path={`/admin/catalog/${product.id}`}
      csrfToken={ctx.csrfToken}
      archived={product.archivedAt !== null}
      noun="product"
    />
  );
  return (
    <AdminLayout ctx={ctx} title="Product">
      <nav class="breadcrumb muted" aria-label="Breadcrumb">
        <a href="/admin/catalog">Catalog</a> / <span aria-current="page">{product.name}</span>
      </nav>
      <DetailHeader
        title={product.name}
        badges={
          <>
            <Badge kind="kind">{kindLabels[product.kind]}</Badge>
            {product.archivedAt && <Badge kind="warn">archived</Badge>}
          </>
        }
        actions={statusForm}
      />
      <div class="stack">
        <Card title="Plans">
          <PlansTable product={product} />
        </Card>
        <Card title="Add-ons">
          <AddonsTable product={product} addons={props.addons} />
        </Card>
        <div class="grid-2">
          <div class="stack">
            <Card title="Details">
              <Facts
                items={[
                  ['Kind', kindLabels[product.kind]],
                  [
                    'Description',
                    product.description ? <span class="pre-line">{product.description}</span> : '—',
                  ],
                  ['Plans', String(product.plans.length)],
                  ['Created', formatDateTime(product.createdAt)],
                  ['Archived', product.archivedAt ? formatDateTime(product.archivedAt) : 'No'],
                ]}
              />
            </Card>
            {canManage && (
              <Card title="Add plan">
                <AddPlanForm {...props} />
              </Card>
            )}
            {canManage && (
              <Card title="Add add-on">
                <AddAddonForm {...props} />
              </Card>
            )}
          </div>
          <div class="stack">
            {canManage && (
              <Card title="Edit">
                <div id="edit-product" class="form-anchor">
                  <FormAlert message={edit.message} />
                  <PostForm action={`/admin/catalog/${product.id}#edit-product`} csrfToken={ctx.csrfToken}>
                    <Field
                      label="Name"
                      name="name"
                      value={product.name}
                      form={edit}
                      required
                      maxLength={120}
                    />
                    <TextAreaField
                      label="Description"
                      name="description"
                      value={product.description}
                      form={edit}
                      maxLength={2000}
                    />
                    <button type="submit" class="button">
                      Save changes
                    </button>
                  </PostForm>
                </div>
              </Card>
            )}
            <TimelineCard items={props.timeline} />
          </div>
        </div>
      </div>
    </AdminLayout>
  );
}

/** GET /admin/catalog/:id and its actions: edit, archive/restore, add a plan or an add-on. */
export function registerProductDetailRoutes(app: FastifyInstance, services: AppServices): void {
  type Params = { Params: { id: string } };
  const render = async (request: FastifyRequest, reply: FastifyReply, id: string, failed?: FailedForm) => {
    const [product, timeline] = await Promise.all([
      getProduct(services.db, id),
      catalogTimeline(services, 'product', id),
    ]);
    const addons = await listProductAddons(services.db, product.id);
    return sendPage(
      reply,
      <ProductDetailPage
        ctx={pageContext(request, reply, services.assets)}
        product={product}
        addons={addons}
        timeline={timeline}
        failed={failed}
      />,
      refusedStatus(failed),
    );
  };

  app.get<Params>('/admin/catalog/:id', { preHandler: requireRole('viewer') }, async (request, reply) =>
    render(request, reply, request.params.id),
  );

  app.post<Params>('/admin/catalog/:id', { preHandler: requireRole('manager') }, async (request, reply) => {
    const values = formValues(request.body);
    try {
      await updateProduct(
        services.catalog,
        request.params.id,
        { name: values['name'] ?? '', description: values['description'] ?? '' },
        actorOf(request),
      );
    } catch (error) {
      return render(request, reply, request.params.id, refusedCatalogForm('edit', error, values));
    }
    setFlash(reply, { kind: 'success', text: 'Changes saved.' });
    return reply.code(303).redirect(`/admin/catalog/${request.params.id}`);
  });

  app.post<Params>(
    '/admin/catalog/:id/status',
    { preHandler: requireRole('manager') },
    async (request, reply) => {
      const archived = formValues(request.body)['archived'] === 'true';
      await setProductArchived(services.catalog, request.params.id, archived, actorOf(request));
      setFlash(reply, {
        kind: 'success',
        text: archived
          ? 'Product archived: it can no longer be bought; existing subscriptions carry on.'
          : 'Product restored: it can be bought again.',
      });
      return reply.code(303).redirect(`/admin/catalog/${request.params.id}`);
    },
  );

  app.post<Params>(
    '/admin/catalog/:id/plans',
    { preHandler: requireRole('manager') },
    async (request, reply) => {
      const values = formValues(request.body);
      try {
        const plan = await createPlan(
          services.catalog,
          request.params.id,
          createPlanFrom(values),
          actorOf(request),
        );
        setFlash(reply, { kind: 'success', text: `Plan ${plan.name} added.` });
        return reply.code(303).redirect(`/admin/catalog/plans/${plan.id}`);
      } catch (error) {
        return render(request, reply, request.params.id, refusedCatalogForm('plan', error, values));
      }
    },
  );

  app.post<Params>(
    '/admin/catalog/:id/addons',
    { preHandler: requireRole('manager') },
    async (request, reply) => {
      const values = formValues(request.body);
      try {
        const addon = await createAddon(
          services.catalog,
          createAddonFrom(request.params.id, values),
          actorOf(request),
        );
        setFlash(reply, { kind: 'success', text: `Add-on ${addon.name} added. Set its prices below.` });
        return reply.code(303).redirect(`/admin/catalog/addons/${addon.id}`);
      } catch (error) {
        return render(request, reply, request.params.id, refusedCatalogForm('addon', error, values));
      }
    },
  );
}
