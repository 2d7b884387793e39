import { Field, type FormState } from '../../components/form.js';

/** An optional time to resume by itself. */
export function PauseFields(props: { form: FormState }) {
  return (
    <Field
      label="Resume on (UTC)"
      name="resumeAt"
      type="datetime-local"
      form={props.form}
      hint="Leave empty to stay paused until someone resumes it. The time left in the period is kept."
    />
  );
}
