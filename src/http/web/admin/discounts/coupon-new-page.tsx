import type { FastifyInstance } from 'fastify';
import { getProduct, listProducts, type PlanWithPrices } from '../../../../modules/catalog/index.js';
import { couponDurations, createCoupon } from '../../../../modules/discounts/index.js';
import { discountsContextOf } from '../../../discounts-context.js';
import { httpStatusByCode } from '../../../errors.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { CheckboxField } from '../../components/checkbox-field.js';
import { Card } from '../../components/detail.js';
import { Field, FormAlert, PostForm, SelectField, emptyForm, type FormState } from '../../components/form.js';
import { setFlash } from '../../flash.js';
import { failedForm, formValues } from '../../form-state.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { CouponNameField, CouponWindowFields } from './coupon-form-fields.js';
import { newCouponFrom, repeatedField, withCouponFieldNames } from './coupon-form-values.js';
import { durationLabel } from './coupon-labels.js';

interface PlanOption {
  id: string;
  label: string;
}

const durationOptions = couponDurations.map((duration) => ({
  value: duration,
  label:
    duration === 'repeating'
      ? 'for some billing periods'
      : durationLabel({ duration, durationPeriods: null }),
}));

/** The plans on sale, to limit a coupon to. A catalog has tens of products, so one query each is cheap. */
async function planOptions(services: AppServices): Promise<PlanOption[]> {
  const { rows } = await listProducts(services.db, {
    status: 'active',
    sort: 'name',
    direction: 'asc',
    page: 1,
    pageSize: 100,
  });
  const options: PlanOption[] = [];
  for (const row of rows) {
    const product = await getProduct(services.db, row.id);
    const onSale = product.plans.filter((plan: PlanWithPrices) => !plan.archivedAt);
    options.push(...onSale.map((plan) => ({ id: plan.id, label: `${product.name} · ${plan.name}` })));
  }
  return options;
}

/** Ticked plans, as CheckboxField draws a box: not a `.field`, which would stretch each box across the row. */
function PlanChoices(props: { plans: PlanOption[]; chosen: string[]; error?: string | undefined }) {
  return (
    <div role="group" aria-labelledby="plan-choices" class={props.error ? 'has-error' : undefined}>
      <div id="plan-choices">
        <strong>Only for these plans</strong>
      </div>
      <div class="hint">None ticked: any plan.</div>
      {props.plans.length === 0 && <p class="muted">No plans on sale yet.</p>}
      {props.plans.map((plan) => (
        <div>
          <label>
            <input type="checkbox" name="planIds" value={plan.id} checked={props.chosen.includes(plan.id)} />{' '}
            {plan.label}
          </label>
        </div>
      ))}
      {props.error && (
        <div class="field-error" id="field-planIds-error">
          {props.error}
        </div>
      )}
    </div>
  );
}

function NewCouponPage(props: { ctx: PageContext; form: FormState; plans: PlanOption[]; chosen: string[] }) {
  const { form } = props;
  return (
    <AdminLayout ctx={props.ctx} title="New coupon">
      <Card class="narrow">
        <FormAlert message={form.message} />
        <PostForm action="/admin/coupons" csrfToken={props.ctx.csrfToken}>
          <CouponNameField form={form} />
          <p class="muted">
            Give a percentage or fixed amounts per currency, not both. What it takes off is fixed once
            created.
          </p>
          <div class="grid-2">
            <Field label="Percent off" name="percentOff" form={form} hint="e.g. 20 or 12.5" />
            <Field label="Amounts off" name="amountsOff" form={form} hint="e.g. EUR 5.00, USD 6.00" />
          </div>
          <div class="grid-2">
            <SelectField label="Applies" name="duration" options={durationOptions} value="once" form={form} />
            <Field
              label="Billing periods"
              name="durationPeriods"
              type="number"
              form={form}
              hint="Only for “for some billing periods”."
            />
          </div>
          <CouponWindowFields form={form} />
          <CheckboxField label="First-time customers only" name="firstTimeOnly" form={form} />
          <PlanChoices plans={props.plans} chosen={props.chosen} error={form.errors['planIds']} />
          <div class="form-actions">
            <button type="submit" class="button">
              Create coupon
            </button>
            <a href="/admin/coupons" class="button secondary">
              Cancel
            </a>
          </div>
        </PostForm>
      </Card>
    </AdminLayout>
  );
}

/** GET /admin/coupons/new and POST /admin/coupons: add a coupon. */
export function registerCouponNewRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/admin/coupons/new', { preHandler: requireRole('manager') }, async (request, reply) => {
    return sendPage(
      reply,
      <NewCouponPage
        ctx={pageContext(request, reply, services.assets)}
        form={emptyForm}
        plans={await planOptions(services)}
        chosen={[]}
      />,
    );
  });

  app.post('/admin/coupons', { preHandler: requireRole('manager') }, async (request, reply) => {
    const values = formValues(request.body);
    const planIds = repeatedField(request.body, 'planIds');
    try {
      const coupon = await createCoupon(
        discountsContextOf(services),
        newCouponFrom(values, planIds),
        actorOf(request),
      );
      setFlash(reply, { kind: 'success', text: `${coupon.name} created. Add a promotion code below.` });
      return reply.code(303).redirect(`/admin/coupons/${coupon.id}`);
    } catch (error) {
      const form = failedForm(withCouponFieldNames(error), values);
      if (form.code === 'forbidden') throw error;
      return sendPage(
        reply,
        <NewCouponPage
          ctx={pageContext(request, reply, services.assets)}
          form={form}
          plans={await planOptions(services)}
          chosen={planIds}
        />,
        httpStatusByCode[form.code],
      );
    }
  });
}
