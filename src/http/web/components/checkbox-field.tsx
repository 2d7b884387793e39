import type { FormState } from './form.js';

/**
 * A checkbox that posts "true" when ticked. An unticked box posts nothing, so the form's values
 * decide: a form shown again after a submit keeps what was ticked, a fresh one starts from its
 * default values. Not a `.field`: those stretch their input across the row.
 */
export function CheckboxField(props: { label: string; name: string; form: FormState; hint?: string }) {
  const id = `field-${props.name}`;
  const error = props.form.errors[props.name];
  return (
    <div class={error ? 'has-error' : undefined}>
      <label for={id}>
        <input
          id={id}
          type="checkbox"
          name={props.name}
          value="true"
          checked={props.form.values[props.name] === 'true'}
        />{' '}
        {props.label}
      </label>
      {props.hint && <div class="hint">{props.hint}</div>}
      {error && (
        <div class="field-error" id={`${id}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}
