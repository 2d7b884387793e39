import type { FastifyInstance } from 'fastify';
import { validationError } from '../../../../lib/app-error.js';
import { findCustomers, listCustomers, type Customer } from '../../../../modules/customers/index.js';
import { createInvoice } from '../../../../modules/invoicing/index.js';
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
  TextAreaField,
  emptyForm,
  type FormState,
} from '../../components/form.js';
import { setFlash } from '../../flash.js';
import { failedForm, formValues } from '../../form-state.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { errorsOnFormRows, formLineCount, invoiceInputOf, lineField } from './invoice-form-values.js';

// The select lists this many customers by name; from a customer's page the customer comes prefilled.
const selectableCustomers = 200;

interface NewProps {
  ctx: PageContext;
  form: FormState;
  /** The customer the invoice is for, when chosen already (from the customer's page). */
  customer: Customer | undefined;
  choices: Customer[];
}

function CustomerChoice(props: NewProps) {
  const { customer, form } = props;
  if (customer) {
    return (
      <div class="field">
        <label>Customer</label>
        <div>
          <a href={`/admin/customers/${customer.id}`}>{customer.name}</a>{' '}
          <span class="muted">
            {customer.email} · {customer.currency}
          </span>{' '}
          <a href="/admin/invoices/new" class="muted">
            (another customer)
          </a>
        </div>
        <input type="hidden" name="customerId" value={customer.id} />
      </div>
    );
  }
  return (
    <SelectField
      label="Customer"
      name="customerId"
      form={form}
      options={[
        { value: '', label: 'Choose a customer' },
        ...props.choices.map((choice) => ({
          value: choice.id,
          label: `${choice.name} <${choice.email}> · ${choice.currency}`,
        })),
      ]}
    />
  );
}

function NewInvoicePage(props: NewProps) {
  const { form, customer } = props;
  const currency = customer ? customer.currency : "the customer's currency";
  return (
    <AdminLayout ctx={props.ctx} title="New invoice">
      <Card>
        <p class="muted">
          A manual invoice for services and one-offs. It starts as a draft you can check (and download as a
          PDF) before finalizing gives it its number.
        </p>
        <FormAlert message={form.message} />
        <PostForm action="/admin/invoices" csrfToken={props.ctx.csrfToken}>
          <CustomerChoice {...props} />
          <fieldset class="stack">
            <legend>Lines</legend>
            {form.errors['lines'] && <div class="field-error">{form.errors['lines']}</div>}
            {[...Array(formLineCount).keys()].map((index) => (
              <div class="form-row">
                <Field
                  label={`Line ${index + 1}`}
                  name={lineField(index, 'description')}
                  form={form}
                  maxLength={500}
                  hint={index === 0 ? 'What was sold, e.g. “Server setup”' : undefined}
                />
                <Field label="Quantity" name={lineField(index, 'quantity')} type="number" form={form} />
                <Field
                  label="Unit amount"
                  name={lineField(index, 'unitAmount')}
                  form={form}
                  hint={index === 0 ? `In ${currency}, e.g. 12.50; negative for a credit` : undefined}
                />
              </div>
            ))}
          </fieldset>
          <Field
            label="Payment terms (days)"
            name="paymentTermsDays"
            type="number"
            form={form}
            value="14"
            hint="Due this many days after finalizing; 0 for payable on receipt"
          />
          <TextAreaField label="Memo" name="memo" form={form} rows={3} maxLength={2000} />
          <div class="form-actions">
            <button type="submit" class="button">
              Create draft
            </button>
            <a href="/admin/invoices" class="button secondary">
              Cancel
            </a>
          </div>
        </PostForm>
      </Card>
    </AdminLayout>
  );
}

/** GET /admin/invoices/new(?customerId=…) and POST /admin/invoices: a manual draft. */
export function registerInvoiceNewRoutes(app: FastifyInstance, services: AppServices): void {
  const customerById = async (id: string | undefined) =>
    id ? (await findCustomers(services.db, [id])).get(id) : undefined;
  const choicesFor = async (customerId: string | undefined, form: FormState) => {
    const customer = await customerById(customerId);
    const choices = customer
      ? []
      : (
          await listCustomers(services.db, {
            sort: 'name',
            direction: 'asc',
            page: 1,
            pageSize: selectableCustomers,
          })
        ).rows;
    return { customer, choices, form };
  };

  app.get('/admin/invoices/new', { preHandler: requireRole('support') }, async (request, reply) => {
    const customerId = (request.query as Record<string, unknown>)['customerId'];
    const props = await choicesFor(typeof customerId === 'string' ? customerId : undefined, emptyForm);
    return sendPage(reply, <NewInvoicePage ctx={pageContext(request, reply, services.assets)} {...props} />);
  });

  app.post('/admin/invoices', { preHandler: requireRole('support') }, async (request, reply) => {
    const values = formValues(request.body);
    try {
      const customer = await customerById(values['customerId']);
      if (!customer) throw validationError({ customerId: 'choose a customer' });
      const input = invoiceInputOf(values, customer.currency);
      const invoice = await createInvoice(services.invoicing, input, actorOf(request)).catch(
        (error: unknown) => {
          throw errorsOnFormRows(error, values);
        },
      );
      setFlash(reply, { kind: 'success', text: 'Draft invoice created.' });
      return reply.code(303).redirect(`/admin/invoices/${invoice.id}`);
    } catch (error) {
      const form = failedForm(error, values);
      const props = await choicesFor(values['customerId'], form);
      return sendPage(
        reply,
        <NewInvoicePage ctx={pageContext(request, reply, services.assets)} {...props} />,
        httpStatusByCode[form.code],
      );
    }
  });
}
