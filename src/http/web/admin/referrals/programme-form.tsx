import { rewardKinds } from '../../../../modules/referrals/index.js';
import { CheckboxField } from '../../components/checkbox-field.js';
import { Card } from '../../components/detail.js';
import { Field, FormAlert, PostForm, SelectField, type FormState } from '../../components/form.js';
import { tierRows } from './programme-form-values.js';
import { rewardKindLabels } from './referral-labels.js';

export interface CouponOption {
  id: string;
  name: string;
}

/** One tier: from how many months of plan, and the reward in each kind's terms. */
function TierRow(props: { row: number; form: FormState; coupons: CouponOption[] }) {
  const name = (field: string) => `tiers.${props.row}.${field}`;
  return (
    <div class="form-row">
      <Field
        label={`Tier ${props.row + 1}: plans from (months)`}
        name={name('months')}
        type="number"
        form={props.form}
      />
      <Field label="Amount" name={name('amount')} form={props.form} />
      <SelectField
        label="Coupon"
        name={name('couponId')}
        form={props.form}
        options={[{ value: '', label: '—' }, ...props.coupons.map((c) => ({ value: c.id, label: c.name }))]}
      />
    </div>
  );
}

/** The programme's settings: on or off, the kind of reward, and its tiers by plan length. */
export function ProgrammeForm(props: { csrfToken: string; form: FormState; coupons: CouponOption[] }) {
  const { form } = props;
  return (
    <Card title="Programme">
      <FormAlert message={form.message} />
      <PostForm action="/admin/referrals/programme" csrfToken={props.csrfToken}>
        <CheckboxField
          label="Referral programme on"
          name="enabled"
          form={form}
          hint="Off: codes cannot be used for new referrals, and payments reward nobody."
        />
        <div class="form-row">
          <SelectField
            label="Reward"
            name="rewardKind"
            form={form}
            options={rewardKinds.map((kind) => ({ value: kind, label: rewardKindLabels[kind] }))}
          />
          <Field
            label="Credits unit or currency"
            name="rewardUnit"
            form={form}
            hint="For credits, the unit (e.g. credits); for money, the currency the referrers pay in (e.g. USD)."
          />
        </div>
        <p class="muted">
          The referrer is rewarded once, when the customer they referred first pays for a plan. The tier is
          the largest whose months the plan reaches. Its amount is in days, credits or money (e.g. 5.00) by
          the kind of reward; for coupons, choose the coupon. Clear a tier’s months to remove it.
        </p>
        {[...Array(tierRows).keys()].map((row) => (
          <TierRow row={row} form={form} coupons={props.coupons} />
        ))}
        <div class="form-actions">
          <button type="submit" class="button">
            Save programme
          </button>
        </div>
      </PostForm>
    </Card>
  );
}
