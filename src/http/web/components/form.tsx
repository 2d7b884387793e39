import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../lib/app-error.js';

/** What every field shares: its label and name, and where its value and error come from. */
interface FieldBase {
  label: string;
  name: string;
  /** After a failed submit: what was typed (wins over `value`) and this field's error. */
  form?: FormState | undefined;
  /** The value to show when nothing was typed (e.g. the record's current value). */
  value?: string | undefined;
  hint?: string;
}

function fieldState(props: FieldBase) {
  const id = `field-${props.name}`;
  const error = props.form?.errors[props.name];
  return {
    id,
    error,
    value: props.form?.values[props.name] ?? props.value,
    hintId: `${id}-hint`,
    errorId: `${id}-error`,
  };
}

function FieldNotes(props: {
  hint?: string | undefined;
  error?: string | undefined;
  hintId: string;
  errorId: string;
}) {
  return (
    <>
      {props.hint && (
        <div class="hint" id={props.hintId}>
          {props.hint}
        </div>
      )}
      {props.error && (
        <div class="field-error" id={props.errorId}>
          {props.error}
        </div>
      )}
    </>
  );
}

interface FieldProps extends FieldBase {
  type?: 'text' | 'email' | 'password' | 'number' | 'search' | 'url' | 'datetime-local';
  required?: boolean;
  autoComplete?: string;
  autoFocus?: boolean;
  minLength?: number;
  maxLength?: number;
}

/** A labelled input with its hint and, after a failed submit, its own error. Passwords are never echoed back. */
export function Field(props: FieldProps) {
  const { id, error, value, hintId, errorId } = fieldState(props);
  // Preact types each input type separately; this field renders only text-like ones.
  const inputType: 'text' = (props.type ?? 'text') as 'text';
  const describedBy = [props.hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required && (
          <span class="required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      <input
        id={id}
        name={props.name}
        type={inputType}
        value={props.type === 'password' ? undefined : value}
        required={props.required}
        autocomplete={props.autoComplete}
        autofocus={props.autoFocus}
        minLength={props.minLength}
        maxLength={props.maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
      <FieldNotes hint={props.hint} error={error} hintId={hintId} errorId={errorId} />
    </div>
  );
}

/** A labelled select with its hint and error. */
export function SelectField(props: FieldBase & { options: { value: string; label: string }[] }) {
  const { id, error, value, hintId, errorId } = fieldState(props);
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name} aria-invalid={error ? 'true' : undefined}>
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldNotes hint={props.hint} error={error} hintId={hintId} errorId={errorId} />
    </div>
  );
}

/** A labelled multi-line text box with its hint and error. */
export function TextAreaField(props: FieldBase & { rows?: number; maxLength?: number }) {
  const { id, error, value, hintId, errorId } = fieldState(props);
  const describedBy = [props.hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      >
        {value ?? ''}
      </textarea>
      <FieldNotes hint={props.hint} error={error} hintId={hintId} errorId={errorId} />
    </div>
  );
}

/** The form-level message above the fields (e.g. "Email or password is incorrect"). */
export function FormAlert(props: { message?: string | undefined; kind?: 'error' | 'info' }) {
  if (!props.message) return null;
  return (
    <div class={`alert alert-${props.kind ?? 'error'}`} role="alert">
      {props.message}
    </div>
  );
}

/** A POST form that always carries the CSRF token. */
export function PostForm(props: {
  action: string;
  csrfToken: string;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <form method="post" action={props.action} class={props.class ?? 'form'} novalidate>
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      {props.children}
    </form>
  );
}

/** Form state for re-rendering after a failed submit: the values typed and the errors per field. */
export interface FormState {
  values: Record<string, string>;
  errors: FieldErrors;
  message?: string | undefined;
}

export const emptyForm: FormState = { values: {}, errors: {} };
