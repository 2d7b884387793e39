import { Field, type FormState } from '../../components/form.js';

/** How many free days to add to the current period. */
export function ExtendFields(props: { form: FormState }) {
  return (
    <Field
      label="Days"
      name="days"
      type="number"
      form={props.form}
      required
      hint="The current period (or trial) ends this many days later, at no charge."
    />
  );
}
