import { CheckboxField } from '../../components/checkbox-field.js';
import { SelectField, type FormState } from '../../components/form.js';

/** Now or at the period end, and whether to credit the unused time. */
export function CancelFields(props: { form: FormState }) {
  return (
    <>
      <SelectField
        label="When"
        name="when"
        form={props.form}
        options={[
          { value: 'period_end', label: 'At the end of the period (access until then; can be undone)' },
          { value: 'now', label: 'Now (access ends at once)' },
        ]}
      />
      <CheckboxField
        label="Credit the unused time"
        name="prorate"
        form={props.form}
        hint="Only when canceling now; a trial has nothing to credit."
      />
    </>
  );
}
