import type { CouponWithAmounts } from '../../../../modules/discounts/index.js';
import { CheckboxField } from '../../components/checkbox-field.js';
import { Field, type FormState } from '../../components/form.js';
import { inputFromDate } from '../../date-time-input.js';

const limitHint = 'Empty for no limit.';

/** The coupon's name, first on both coupon forms. */
export function CouponNameField(props: { form: FormState; coupon?: CouponWithAmounts | undefined }) {
  return (
    <Field label="Name" name="name" value={props.coupon?.name} form={props.form} required maxLength={120} />
  );
}

/** Window and limits: what the new-coupon form and the settings form share after the name. */
export function CouponWindowFields(props: { form: FormState; coupon?: CouponWithAmounts | undefined }) {
  const { form, coupon } = props;
  const limit = (value: number | null | undefined) => (value == null ? '' : String(value));
  return (
    <>
      <div class="grid-2">
        <Field
          label="Valid from"
          name="validFrom"
          type="datetime-local"
          value={coupon?.validFrom ? inputFromDate(coupon.validFrom) : ''}
          form={form}
          hint="UTC. Empty: from now."
        />
        <Field
          label="Valid until"
          name="validUntil"
          type="datetime-local"
          value={coupon?.validUntil ? inputFromDate(coupon.validUntil) : ''}
          form={form}
          hint="UTC. Empty: no end."
        />
      </div>
      <div class="grid-2">
        <Field
          label="Redemptions in all"
          name="maxRedemptions"
          type="number"
          value={limit(coupon?.maxRedemptions)}
          form={form}
          hint={limitHint}
        />
        <Field
          label="Redemptions per customer"
          name="perCustomerLimit"
          type="number"
          value={limit(coupon?.perCustomerLimit)}
          form={form}
          hint={limitHint}
        />
      </div>
    </>
  );
}

/** The add-code form's fields, two a row: the form spans the page under the codes table. */
export function PromotionCodeFields(props: { form: FormState }) {
  const { form } = props;
  return (
    <>
      <div class="grid-2">
        <Field
          label="Code"
          name="code"
          form={form}
          required
          maxLength={40}
          hint="3–40 letters, digits, - or _. Customers may type it in any case."
        />
        <Field label="Expires" name="expiresAt" type="datetime-local" form={form} hint="UTC. Empty: never." />
      </div>
      <div class="grid-2">
        <Field label="Redemptions in all" name="maxRedemptions" type="number" form={form} hint={limitHint} />
        <Field
          label="Redemptions per customer"
          name="perCustomerLimit"
          type="number"
          form={form}
          hint={limitHint}
        />
      </div>
      <CheckboxField label="First-time customers only" name="firstTimeOnly" form={form} />
    </>
  );
}
