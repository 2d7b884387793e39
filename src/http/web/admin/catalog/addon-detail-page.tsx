import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import {
  addonIntervalUnits,
  getAddon,
  getProduct,
  listProductAddons,
  setAddonArchived,
  setAddonPrice,
  updateAddon,
  type AddonDetail,
  type ProductWithPlans,
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
import { AddonPriceFields, AddonSettingsFields, optionGroupsOf } from './addon-form-fields.js';
import { addonPriceFrom, addonSettingsFrom } from './addon-form-values.js';
import { refusedCatalogForm } from './catalog-form-values.js';
import { addonPriceLabel, billingLabel, kindLabels, maxQuantityLabel, priceLabel } from './catalog-labels.js';
import { catalogTimeline } from './catalog-timeline.js';
import { EntitlementKeys } from './entitlement-keys.js';
import { PriceHistoryTable } from './price-history.js';
import { ProductBreadcrumb } from './product-breadcrumb.js';
import { SetPriceForm } from './set-price-form.js';
import { usualCurrency } from './usual-currency.js';

type FailedForm = RefusedForm<'settings' | 'price'>;

/** A currency and billing interval an add-on may need a price for. */
interface PriceSlot {
  currency: string;
  intervalUnit: 'day' | 'week' | 'month' | 'year';
  intervalCount: number;
}

interface DetailProps {
  ctx: PageContext;
  addon: AddonDetail;
  /** The option groups of the product's add-ons, to suggest. */
  groups: string[];
  /** What the product's plans on sale are priced in and bill by, that this add-on has no price for. */
  unpriced: PriceSlot[];
  /** Where the price form starts. */
  nextPrice: PriceSlot;
  timeline: TimelineItem[];
  failed?: FailedForm | undefined;
}

const slotLabel = (slot: PriceSlot) => `${slot.currency} ${billingLabel(slot)}`;
const sameSlot = (a: PriceSlot, b: PriceSlot) =>
  a.currency === b.currency && a.intervalUnit === b.intervalUnit && a.intervalCount === b.intervalCount;

/**
 * The currencies and intervals of the product's recurring plans on sale that the add-on has no
 * current price for: with such a plan it cannot be bought in that currency.
 */
function unpricedSlots(product: ProductWithPlans, addon: AddonDetail): PriceSlot[] {
  const slots: PriceSlot[] = [];
  for (const plan of product.plans) {
    if (plan.archivedAt || plan.intervalUnit === null) continue;
    for (const price of plan.prices) {
      const slot = {
        currency: price.currency,
        intervalUnit: plan.intervalUnit,
        intervalCount: plan.intervalCount,
      };
      if (slots.some((known) => sameSlot(known, slot))) continue;
      if (!addon.prices.some((current) => sameSlot(current, slot))) slots.push(slot);
    }
  }
  return slots.sort(
    (a, b) =>
      a.currency.localeCompare(b.currency) ||
      addonIntervalUnits.indexOf(a.intervalUnit) - addonIntervalUnits.indexOf(b.intervalUnit) ||
      a.intervalCount - b.intervalCount,
  );
}

function CurrentPrices(props: DetailProps) {
  const { addon, unpriced } = props;
  return (
    <>
      {addon.prices.length === 0 ? (
        <p class="muted">No current price.</p>
      ) : (
        <Facts
          items={addon.prices.map((price) => [
            `${price.currency} ${billingLabel(price)}`,
            <>
              <strong>{priceLabel(price)}</strong>
              <span class="muted"> · version {price.version}</span>
            </>,
          ])}
        />
      )}
      {!addon.archivedAt && unpriced.length > 0 && (
        <p class="muted" id="unpriced">
          No price yet for {unpriced.map(slotLabel).join(', ')}: with a plan of this product billed so, it
          cannot be bought in that currency.
        </p>
      )}
    </>
  );
}

function PriceHistory(props: { addon: AddonDetail }) {
  return (
    <PriceHistoryTable
      prices={props.addon.priceHistory}
      columns={[
        { label: 'Currency', render: (price) => price.currency },
        { label: 'Billing', render: (price) => billingLabel(price) },
        { label: 'Version', render: (price) => price.version },
        { label: 'Amount', render: (price) => priceLabel(price) },
      ]}
    />
  );
}

function SetPrice(props: DetailProps) {
  const { ctx, addon, nextPrice } = props;
  const form = formStateOf(props.failed, 'price');
  return (
    <SetPriceForm
      path={`/admin/catalog/addons/${addon.id}`}
      csrfToken={ctx.csrfToken}
      form={form}
      archived={addon.archivedAt !== null}
      noun="add-on"
    >
      <AddonPriceFields
        form={form}
        currency={nextPrice.currency}
        interval={{ unit: nextPrice.intervalUnit, count: nextPrice.intervalCount }}
      />
    </SetPriceForm>
  );
}

function AddonDetailPage(props: DetailProps) {
  const { ctx, addon } = props;
  const canManage = ctx.user !== null && roleAtLeast(ctx.user.role, 'manager');
  const settings = formStateOf(props.failed, 'settings');
  const statusForm = canManage && (
    <ArchiveToggle
      path={`/admin/catalog/addons/${addon.id}`}
      csrfToken={ctx.csrfToken}
      archived={addon.archivedAt !== null}
      noun="add-on"
    />
  );
  return (
    <AdminLayout ctx={ctx} title="Add-on">
      <ProductBreadcrumb product={addon.product} current={addon.name} />
      <DetailHeader
        title={addon.name}
        subtitle={`Add-on · ${kindLabels[addon.product.kind]}`}
        badges={
          <>
            <Badge kind="kind">{addon.code}</Badge>
            {addon.archivedAt && <Badge kind="warn">archived</Badge>}
            {addon.product.archivedAt && <Badge kind="warn">product archived</Badge>}
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
                  ['Product', <a href={`/admin/catalog/${addon.product.id}`}>{addon.product.name}</a>],
                  ['Code', <code>{addon.code}</code>],
                  [
                    'Option group',
                    addon.optionGroup ? `${addon.optionGroup} (at most one of the group)` : 'none',
                  ],
                  ['Quantity', maxQuantityLabel(addon.maxQuantity)],
                  ['Entitlements', <EntitlementKeys keys={addon.entitlementKeys} />],
                  [
                    'Description',
                    addon.description ? <span class="pre-line">{addon.description}</span> : '—',
                  ],
                  ['Created', formatDateTime(addon.createdAt)],
                  ['Archived', addon.archivedAt ? formatDateTime(addon.archivedAt) : 'No'],
                ]}
              />
            </Card>
            <Card title="Current prices">
              <CurrentPrices {...props} />
            </Card>
            {canManage && (
              <Card title="Set price">
                <p class="muted">
                  A price is for one currency and one billing interval: an add-on bought with a 3-month plan
                  costs its 3-month price. Setting one adds a new version for new buyers; existing subscribers
                  keep the price they bought.
                </p>
                <SetPrice {...props} />
              </Card>
            )}
          </div>
          <div class="stack">
            {canManage && (
              <Card title="Settings">
                <div id="addon-settings" class="form-anchor">
                  <FormAlert message={settings.message} />
                  <PostForm
                    action={`/admin/catalog/addons/${addon.id}#addon-settings`}
                    csrfToken={ctx.csrfToken}
                  >
                    <Field
                      label="Name"
                      name="name"
                      value={addon.name}
                      form={settings}
                      required
                      maxLength={120}
                    />
                    <AddonSettingsFields form={settings} addon={addon} groups={props.groups} />
                    <div class="hint">The code is fixed: subscriptions and the API refer to it.</div>
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
            Every price this add-on has had. A change adds a version and closes the previous one; existing
            subscribers keep the price they bought until they are moved to a new one.
          </p>
          <PriceHistory addon={addon} />
        </Card>
      </div>
    </AdminLayout>
  );
}

/** GET /admin/catalog/addons/:addonId and its actions: settings, a new price, archive/restore. */
export function registerAddonDetailRoutes(app: FastifyInstance, services: AppServices): void {
  type Params = { Params: { addonId: string } };
  const render = async (request: FastifyRequest, reply: FastifyReply, id: string, failed?: FailedForm) => {
    const [addon, timeline] = await Promise.all([
      getAddon(services.db, id),
      catalogTimeline(services, 'addon', id),
    ]);
    const [product, siblings] = await Promise.all([
      getProduct(services.db, addon.productId),
      listProductAddons(services.db, addon.productId),
    ]);
    const unpriced = unpricedSlots(product, addon);
    const firstPlan = product.plans.find((plan) => plan.intervalUnit !== null);
    const nextPrice: PriceSlot = unpriced[0] ??
      addon.prices[0] ?? {
        currency: usualCurrency(product),
        intervalUnit: firstPlan?.intervalUnit ?? 'month',
        intervalCount: firstPlan?.intervalCount ?? 1,
      };
    return sendPage(
      reply,
      <AddonDetailPage
        ctx={pageContext(request, reply, services.assets)}
        addon={addon}
        groups={optionGroupsOf(siblings)}
        unpriced={unpriced}
        nextPrice={nextPrice}
        timeline={timeline}
        failed={failed}
      />,
      refusedStatus(failed),
    );
  };
  const back = (request: FastifyRequest<Params>, reply: FastifyReply) =>
    reply.code(303).redirect(`/admin/catalog/addons/${request.params.addonId}`);

  app.get<Params>(
    '/admin/catalog/addons/:addonId',
    { preHandler: requireRole('viewer') },
    async (request, reply) => render(request, reply, request.params.addonId),
  );

  app.post<Params>(
    '/admin/catalog/addons/:addonId',
    { preHandler: requireRole('manager') },
    async (request, reply) => {
      const values = formValues(request.body);
      try {
        await updateAddon(
          services.catalog,
          request.params.addonId,
          addonSettingsFrom(values),
          actorOf(request),
        );
      } catch (error) {
        return render(request, reply, request.params.addonId, refusedCatalogForm('settings', error, values));
      }
      setFlash(reply, { kind: 'success', text: 'Settings saved.' });
      return back(request, reply);
    },
  );

  app.post<Params>(
    '/admin/catalog/addons/:addonId/prices',
    { preHandler: requireRole('manager') },
    async (request, reply) => {
      const values = formValues(request.body);
      try {
        const before = await getAddon(services.db, request.params.addonId);
        const price = await setAddonPrice(
          services.catalog,
          request.params.addonId,
          addonPriceFrom(values),
          actorOf(request),
        );
        const unchanged = before.prices.some((current) => current.id === price.id);
        const slot = slotLabel(price);
        const text = unchanged
          ? `Price unchanged: ${slot} is already ${priceLabel(price)}.`
          : `New price ${addonPriceLabel(price)} in ${price.currency} (version ${price.version}). Existing subscribers keep the price they bought.`;
        setFlash(reply, { kind: unchanged ? 'info' : 'success', text });
      } catch (error) {
        return render(request, reply, request.params.addonId, refusedCatalogForm('price', error, values));
      }
      return back(request, reply);
    },
  );

  app.post<Params>(
    '/admin/catalog/addons/:addonId/status',
    { preHandler: requireRole('manager') },
    async (request, reply) => {
      const archived = formValues(request.body)['archived'] === 'true';
      await setAddonArchived(services.catalog, request.params.addonId, archived, actorOf(request));
      setFlash(reply, {
        kind: 'success',
        text: archived
          ? 'Add-on archived: it can no longer be bought; subscriptions that have it carry on.'
          : 'Add-on restored: it can be bought again.',
      });
      return back(request, reply);
    },
  );
}
