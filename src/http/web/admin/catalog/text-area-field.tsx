import type { FormState } from '../../components/form.js';

/**
 * A labelled multi-line text box with its hint and, after a failed submit, its own error; the
 * same shape as Field in components/form.tsx (what was typed wins over `value`).
 */
export function TextAreaField(props: {
  label: string;
  name: string;
  form?: FormState | undefined;
  value?: string | undefined;
  hint?: string;
  rows?: number;
  maxLength?: number;
}) {
  const id = `field-${props.name}`;
  const error = props.form?.errors[props.name];
  const value = props.form?.values[props.name] ?? props.value ?? '';
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      >
        {value}
      </textarea>
      {props.hint && (
        <div class="hint" id={hintId}>
          {props.hint}
        </div>
      )}
      {error && (
        <div class="field-error" id={errorId}>
          {error}
        </div>
      )}
    </div>
  );
}
