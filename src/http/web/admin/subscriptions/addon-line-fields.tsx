import { Field, SelectField, type FormState } from '../../components/form.js';
import type { SubscriptionPageData } from './subscription-page-data.js';

/** The product's add-ons (archived ones only while held), with what the subscription holds. */
function addonOptions(data: SubscriptionPageData) {
  const held = new Map(data.items.map((item) => [item.addonId, item.quantity]));
  return data.addons
    .filter((addon) => !addon.archivedAt || held.has(addon.id))
    .map((addon) => ({
      value: addon.id,
      label: `${addon.name}${addon.optionGroup ? ` (${addon.optionGroup})` : ''}${held.has(addon.id) ? ` — has ${held.get(addon.id)}` : ''}`,
    }));
}

/** Which add-on and how many; 0 removes the line. */
export function AddonLineFields(props: { form: FormState; data: SubscriptionPageData }) {
  return (
    <div class="form-row">
      <SelectField label="Add-on" name="addonId" form={props.form} options={addonOptions(props.data)} />
      <Field
        label="Quantity"
        name="quantity"
        type="number"
        form={props.form}
        required
        hint="0 removes it. The rest of the period is prorated."
      />
    </div>
  );
}
