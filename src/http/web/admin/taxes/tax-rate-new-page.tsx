import type { FastifyInstance } from 'fastify';
import { createTaxRate } from '../../../../modules/taxes/index.js';
import { httpStatusByCode } from '../../../errors.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { taxesContextOf } from '../../../taxes-context.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { CheckboxField } from '../../components/checkbox-field.js';
import { Card } from '../../components/detail.js';
import { Field, FormAlert, PostForm, emptyForm, type FormState } from '../../components/form.js';
import { setFlash } from '../../flash.js';
import { failedForm, formValues } from '../../form-state.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { fixedExplained, percentLabel, taxRatesExplained } from './tax-rate-labels.js';

function NewTaxRatePage(props: { ctx: PageContext; form: FormState }) {
  const { form } = props;
  return (
    <AdminLayout ctx={props.ctx} title="New tax rate">
      <Card class="narrow">
        <p class="muted">{taxRatesExplained}</p>
        <FormAlert message={form.message} />
        <PostForm action="/admin/taxes" csrfToken={props.ctx.csrfToken}>
          <Field
            label="Name"
            name="name"
            form={form}
            required
            maxLength={120}
            autoFocus
            hint="e.g. VAT, NY sales tax"
          />
          <div class="form-row">
            <Field
              label="Country"
              name="country"
              form={form}
              required
              maxLength={2}
              hint="Two letters, e.g. DE"
            />
            <Field
              label="Region"
              name="region"
              form={form}
              maxLength={100}
              hint="A state or province as customers' addresses have it; empty for the whole country"
            />
          </div>
          <Field
            label="Rate (%)"
            name="percent"
            form={form}
            required
            hint="0 to 100, up to 4 decimals, e.g. 8.875"
          />
          <CheckboxField
            label="Prices include this tax"
            name="inclusive"
            form={form}
            hint="Ticked: the tax is inside the price (as VAT usually is). Unticked: it is added on top."
          />
          <p class="hint">{fixedExplained}</p>
          <div class="form-actions">
            <button type="submit" class="button">
              Create tax rate
            </button>
            <a href="/admin/taxes" class="button secondary">
              Cancel
            </a>
          </div>
        </PostForm>
      </Card>
    </AdminLayout>
  );
}

/** GET /admin/taxes/new and POST /admin/taxes. */
export function registerTaxRateNewRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/admin/taxes/new', { preHandler: requireRole('manager') }, async (request, reply) =>
    sendPage(reply, <NewTaxRatePage ctx={pageContext(request, reply, services.assets)} form={emptyForm} />),
  );

  app.post('/admin/taxes', { preHandler: requireRole('manager') }, async (request, reply) => {
    const values = formValues(request.body);
    try {
      const rate = await createTaxRate(
        taxesContextOf(services),
        {
          name: values['name'] ?? '',
          country: values['country'] ?? '',
          region: values['region'] ?? null,
          percent: values['percent'] ?? '',
          inclusive: values['inclusive'] === 'true',
        },
        actorOf(request),
      );
      setFlash(reply, { kind: 'success', text: `${rate.name} (${percentLabel(rate)}) created.` });
      return reply.code(303).redirect(`/admin/taxes/${rate.id}`);
    } catch (error) {
      const form = failedForm(error, values);
      return sendPage(
        reply,
        <NewTaxRatePage ctx={pageContext(request, reply, services.assets)} form={form} />,
        httpStatusByCode[form.code],
      );
    }
  });
}
