import type { Plan } from '../../../../modules/catalog/index.js';
import { Field, SelectField, type FormState } from '../../components/form.js';
import { creditPlanChangeOptions, oneTrialOptions, timingOptions } from './catalog-labels.js';

/** The trial, on its own so each form can put it in the row where it fits. */
export function TrialDaysField(props: { form: FormState; plan?: Plan }) {
  return (
    <Field
      label="Trial days"
      name="trialDays"
      type="number"
      form={props.form}
      value={props.plan ? String(props.plan.trialDays) : '0'}
      hint="0 for no trial."
    />
  );
}

/** Whether the trial is once per customer, and how long after cancelling the plan can be taken back: recurring plans only. */
export function RecurringRulesFields(props: { form: FormState; plan?: Plan }) {
  const { form, plan } = props;
  return (
    <div class="form-row">
      <SelectField
        label="Trial"
        name="oneTrialPerCustomer"
        options={oneTrialOptions}
        form={form}
        value={String(plan?.oneTrialPerCustomer ?? true)}
        hint="Once: a customer who had a trial of this product, on any plan, gets no other."
      />
      <Field
        label="Reactivation grace days"
        name="reactivationGraceDays"
        type="number"
        form={form}
        value={String(plan?.reactivationGraceDays ?? 30)}
        hint="How long after cancelling it can be taken back; 0 for never."
      />
    </div>
  );
}

/**
 * How the plan the form is about bills: a saved plan's settings form knows; the add-plan form
 * knows only what its product allows, and with 'either' shows the rules of both kinds, each hinted.
 */
export type PlanBilling = 'recurring' | 'one_time' | 'either';

/** What becomes of credits: rollover and plan changes on recurring plans, expiry on one-time packs. */
function CreditRulesFields(props: { form: FormState; plan?: Plan | undefined; billing: PlanBilling }) {
  const { form, plan, billing } = props;
  const only = (kind: string) => (billing === 'either' ? ` ${kind} plans only.` : '');
  return (
    <div class="form-row">
      {billing !== 'one_time' && (
        <Field
          label="Rollover cap"
          name="creditRolloverCap"
          type="number"
          form={form}
          value={plan?.creditRolloverCap?.toString() ?? ''}
          hint={`With credits: unspent ones carried into the next period, up to this many; blank: they expire.${only('Recurring')}`}
        />
      )}
      {billing !== 'one_time' && (
        <SelectField
          label="Credits on a plan change"
          name="creditsOnPlanChange"
          options={creditPlanChangeOptions}
          form={form}
          value={plan?.creditsOnPlanChange ?? 'forfeit'}
          hint={`What an immediate plan change does with the old plan's unspent credits.${only('Recurring')}`}
        />
      )}
      {billing !== 'recurring' && (
        <Field
          label="Credits expire after (days)"
          name="creditExpiryDays"
          type="number"
          form={form}
          value={plan?.creditExpiryDays?.toString() ?? ''}
          hint={`A credit pack's credits, counted from purchase; blank: never.${only('One-time')}`}
        />
      )}
    </div>
  );
}

/**
 * What else can change on a plan after it is created (its trial and name aside): shared by the
 * add-plan and settings forms.
 */
export function PlanSettingsFields(props: { form: FormState; plan?: Plan; billing: PlanBilling }) {
  const { form, plan } = props;
  return (
    <>
      <Field
        label="Entitlement keys"
        name="entitlementKeys"
        form={form}
        value={plan?.entitlementKeys.join(', ') ?? ''}
        hint="What it grants, comma-separated (e.g. plex.library.4k, discord.vip)."
      />
      <div class="form-row">
        <Field
          label="Credits per period"
          name="creditsPerPeriod"
          type="number"
          form={form}
          value={plan?.creditsPerPeriod === null || !plan ? '' : String(plan.creditsPerPeriod)}
          hint="Optional, a whole number."
        />
        <Field
          label="Credit unit"
          name="creditUnit"
          form={form}
          value={plan?.creditUnit ?? ''}
          hint="With credits: letters, digits, _ and spaces, e.g. GPU minutes."
        />
      </div>
      <CreditRulesFields form={form} plan={plan} billing={props.billing} />
      <div class="form-row">
        <SelectField
          label="Upgrades take effect"
          name="upgradeTiming"
          options={timingOptions}
          form={form}
          value={plan?.upgradeTiming ?? 'immediately'}
        />
        <SelectField
          label="Downgrades take effect"
          name="downgradeTiming"
          options={timingOptions}
          form={form}
          value={plan?.downgradeTiming ?? 'period_end'}
        />
      </div>
    </>
  );
}

/** Currency, amount and setup fee, typed as decimals (9.99), as a person reads prices. */
export function PriceFields(props: { form: FormState; currency?: string | undefined }) {
  return (
    <div class="form-row compact">
      <Field
        label="Currency"
        name="currency"
        form={props.form}
        value={props.currency ?? ''}
        required
        maxLength={3}
        hint="e.g. USD, EUR"
      />
      <Field label="Amount" name="amount" form={props.form} required hint="e.g. 9.99" />
      <Field label="Setup fee" name="setupFee" form={props.form} hint="Optional, once" />
    </div>
  );
}
