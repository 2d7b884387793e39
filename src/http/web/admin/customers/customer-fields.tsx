import type { Customer } from '../../../../modules/customers/index.js';
import { CheckboxField } from '../../components/checkbox-field.js';
import { Field, TextAreaField, type FormState } from '../../components/form.js';

/** The fields of a customer, empty for a new one or filled from `customer` for an edit. */
export function CustomerFields(props: { form: FormState; customer?: Customer }) {
  const { form, customer } = props;
  return (
    <>
      <div class="form-row">
        <Field label="Name" name="name" form={form} value={customer?.name} required />
        <Field label="Email" name="email" type="email" form={form} value={customer?.email} required />
      </div>
      <div class="form-row">
        <Field
          label="Currency"
          name="currency"
          form={form}
          value={customer?.currency ?? 'USD'}
          hint="ISO 4217, e.g. USD, EUR"
          required
        />
        <Field
          label="Language"
          name="locale"
          form={form}
          value={customer?.locale ?? 'en-US'}
          hint="e.g. en-US, de-DE"
        />
        <Field
          label="Time zone"
          name="timeZone"
          form={form}
          value={customer?.timeZone ?? 'UTC'}
          hint="e.g. Europe/Berlin"
        />
      </div>
      <Field label="Address" name="addressLine1" form={form} value={customer?.addressLine1 ?? undefined} />
      <Field
        label="Address line 2"
        name="addressLine2"
        form={form}
        value={customer?.addressLine2 ?? undefined}
      />
      <div class="form-row">
        <Field label="City" name="city" form={form} value={customer?.city ?? undefined} />
        <Field label="Postal code" name="postalCode" form={form} value={customer?.postalCode ?? undefined} />
      </div>
      <div class="form-row">
        <Field label="Region" name="region" form={form} value={customer?.region ?? undefined} />
        <Field
          label="Country"
          name="country"
          form={form}
          value={customer?.country ?? undefined}
          hint="Two letters, e.g. DE"
        />
        <Field label="Tax id" name="taxId" form={form} value={customer?.taxId ?? undefined} />
      </div>
      <CheckboxField
        label="Tax exempt"
        name="taxExempt"
        form={form}
        hint="No tax is charged. With a tax id, invoices say the reverse charge applies."
      />
      <Field
        label="Tags"
        name="tags"
        form={form}
        value={customer?.tags.join(', ')}
        hint="Comma-separated, e.g. vip, plex"
      />
      <TextAreaField label="Notes" name="notes" form={form} value={customer?.notes} />
    </>
  );
}
