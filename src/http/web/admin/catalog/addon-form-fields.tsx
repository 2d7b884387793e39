import type { Addon } from '../../../../modules/catalog/index.js';
import { Field, SelectField, TextAreaField, type FormState } from '../../components/form.js';
import { addonIntervalOptions } from './catalog-labels.js';

/** The option groups a product's add-ons use, to suggest in the add-on forms. */
export function optionGroupsOf(addons: Pick<Addon, 'optionGroup'>[]): string[] {
  return [...new Set(addons.flatMap((addon) => (addon.optionGroup ? [addon.optionGroup] : [])))];
}

/**
 * What can change on an add-on after it is created (its code cannot): shared by the add-add-on
 * and settings forms. `groups` are the option groups the product's add-ons already use.
 */
export function AddonSettingsFields(props: { form: FormState; addon?: Addon; groups: string[] }) {
  const { form, addon } = props;
  const known = props.groups.length ? ` This product's groups: ${props.groups.join(', ')}.` : '';
  return (
    <>
      <div class="form-row">
        <Field
          label="Option group"
          name="optionGroup"
          form={form}
          value={addon?.optionGroup ?? ''}
          maxLength={60}
          hint={`Optional, e.g. RAM: a subscription takes at most one add-on of a group.${known}`}
        />
        <Field
          label="Max quantity"
          name="maxQuantity"
          type="number"
          form={form}
          value={String(addon?.maxQuantity ?? 1)}
          hint="1: taken or not; more: bought by the unit."
        />
      </div>
      <Field
        label="Entitlement keys"
        name="entitlementKeys"
        form={form}
        value={addon?.entitlementKeys.join(', ') ?? ''}
        hint="What it grants, comma-separated (e.g. vps.ram.8gb, plex.streams.extra)."
      />
      <TextAreaField
        label="Description"
        name="description"
        form={form}
        value={addon?.description ?? ''}
        rows={2}
        maxLength={2000}
        hint="Optional."
      />
    </>
  );
}

/** Currency, amount (a decimal such as 4.99) and the billing interval the price is for. */
export function AddonPriceFields(props: {
  form: FormState;
  currency: string;
  interval: { unit: string; count: number };
}) {
  return (
    <div class="form-row compact">
      <Field
        label="Currency"
        name="currency"
        form={props.form}
        value={props.currency}
        required
        maxLength={3}
        hint="e.g. USD, EUR"
      />
      <Field
        label="Every"
        name="intervalCount"
        type="number"
        form={props.form}
        value={String(props.interval.count)}
        hint="As the plan, e.g. 3"
      />
      <SelectField
        label="Billing unit"
        name="intervalUnit"
        options={addonIntervalOptions}
        value={props.interval.unit}
        form={props.form}
      />
      <Field label="Amount" name="amount" form={props.form} required hint="Per period, e.g. 4.99" />
    </div>
  );
}
