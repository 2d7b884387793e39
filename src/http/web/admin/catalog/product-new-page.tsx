import type { FastifyInstance } from 'fastify';
import { createProduct } from '../../../../modules/catalog/index.js';
import { httpStatusByCode } from '../../../errors.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { Card } from '../../components/detail.js';
import {
  Field,
  FormAlert,
  PostForm,
  SelectField,
  emptyForm,
  type FormState,
  TextAreaField,
} from '../../components/form.js';
import { setFlash } from '../../flash.js';
import { failedForm, formValues } from '../../form-state.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { kindOptions } from './catalog-labels.js';

function NewProductPage(props: { ctx: PageContext; form: FormState }) {
  return (
    <AdminLayout ctx={props.ctx} title="New product">
      <Card class="narrow">
        <FormAlert message={props.form.message} />
        <PostForm action="/admin/catalog" csrfToken={props.ctx.csrfToken}>
          <Field label="Name" name="name" form={props.form} required autoFocus maxLength={120} />
          <SelectField
            label="Kind"
            name="kind"
            options={kindOptions}
            value="membership"
            form={props.form}
            hint="Fixed once created: a membership's plans repeat, a one-time purchase bills once."
          />
          <TextAreaField
            label="Description"
            name="description"
            form={props.form}
            maxLength={2000}
            hint="Optional."
          />
          <div class="form-actions">
            <button type="submit" class="button">
              Create product
            </button>
            <a href="/admin/catalog" class="button secondary">
              Cancel
            </a>
          </div>
        </PostForm>
      </Card>
    </AdminLayout>
  );
}

/** GET /admin/catalog/new and POST /admin/catalog: add a product. */
export function registerProductNewRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/admin/catalog/new', { preHandler: requireRole('manager') }, async (request, reply) => {
    return sendPage(
      reply,
      <NewProductPage ctx={pageContext(request, reply, services.assets)} form={emptyForm} />,
    );
  });

  app.post('/admin/catalog', { preHandler: requireRole('manager') }, async (request, reply) => {
    const values = formValues(request.body);
    try {
      const product = await createProduct(
        services.catalog,
        {
          name: values['name'] ?? '',
          kind: (values['kind'] ?? '') as never,
          description: values['description'] ?? '',
        },
        actorOf(request),
      );
      setFlash(reply, { kind: 'success', text: `${product.name} created. Add its first plan below.` });
      return reply.code(303).redirect(`/admin/catalog/${product.id}`);
    } catch (error) {
      const form = failedForm(error, values);
      if (form.code === 'forbidden') throw error;
      return sendPage(
        reply,
        <NewProductPage ctx={pageContext(request, reply, services.assets)} form={form} />,
        httpStatusByCode[form.code],
      );
    }
  });
}
