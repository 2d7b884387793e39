import type { UnitBalance } from '../../../../modules/credits/index.js';
import { Card } from '../../components/detail.js';
import { Field, FormAlert, PostForm, SelectField, type FormState } from '../../components/form.js';

interface FormProps {
  customerId: string;
  csrfToken: string;
  form: FormState;
}

/** Staff give credits (optionally expiring) or take them back; the reason goes to the audit log. */
export function AdjustCreditsCard(props: FormProps & { unit: string }) {
  const { form } = props;
  return (
    <div id="credit-adjust" class="form-anchor">
      <Card title="Adjust credits">
        <FormAlert message={form.message} />
        <PostForm
          action={`/admin/customers/${props.customerId}/credits/adjustments#credit-adjust`}
          csrfToken={props.csrfToken}
        >
          <div class="form-row">
            <SelectField
              label="Direction"
              name="direction"
              form={form}
              options={[
                { value: 'grant', label: 'Give credits' },
                { value: 'deduct', label: 'Take credits back' },
              ]}
            />
            <Field label="Amount" name="amount" form={form} required hint="Whole credits, e.g. 500" />
            <Field label="Unit" name="unit" form={form} value={props.unit} required />
          </div>
          <Field
            label="Reason"
            name="reason"
            form={form}
            required
            maxLength={500}
            hint="Kept in the audit log, e.g. “Goodwill for the outage on 3 March”"
          />
          <Field
            label="Expires (optional, UTC)"
            name="expiresAt"
            type="datetime-local"
            form={form}
            hint="Only for credits given; empty: they never expire. Credits taken back come from the grants spent first."
          />
          <div class="form-actions">
            <button type="submit" class="button">
              Apply
            </button>
          </div>
        </PostForm>
      </Card>
    </div>
  );
}

/** The balance under which `credits.low_balance` fires for a unit; set it, or remove it. */
export function ThresholdCard(props: FormProps & { balances: UnitBalance[]; unit: string }) {
  const { form } = props;
  const current = props.balances.find((balance) => balance.unit === props.unit)?.lowBalanceThreshold;
  return (
    <div id="credit-threshold" class="form-anchor">
      <Card title="Low-balance threshold">
        <FormAlert message={form.message} />
        <PostForm
          action={`/admin/customers/${props.customerId}/credits/threshold#credit-threshold`}
          csrfToken={props.csrfToken}
        >
          <p class="hint">
            When the balance drops below it, a credits.low_balance event fires — once per crossing.
          </p>
          <div class="form-row">
            <SelectField
              label="Unit"
              name="thresholdUnit"
              form={form}
              value={props.unit}
              options={props.balances.map((balance) => ({ value: balance.unit, label: balance.unit }))}
            />
            <Field
              label="Threshold"
              name="threshold"
              form={form}
              value={current?.toString()}
              hint="Whole credits"
            />
          </div>
          <div class="form-actions">
            <button type="submit" class="button secondary" name="action" value="set">
              Set threshold
            </button>
            <button type="submit" class="button secondary" name="action" value="clear">
              Remove threshold
            </button>
          </div>
        </PostForm>
      </Card>
    </div>
  );
}
