import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../lib/app-error.js';

interface FieldProps {
  label: string;
  name: string;
  type?: 'text' | 'email' | 'password' | 'number' | 'search' | 'url';
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  autoComplete?: string;
  autoFocus?: boolean;
  minLength?: number;
  maxLength?: number;
}

/** A labelled input with its hint and, after a failed submit, its own error. */
export function Field(props: FieldProps) {
  const id = `field-${props.name}`;
  // Preact types each input type separately; this field renders only text-like ones.
  const inputType: 'text' = (props.type ?? 'text') as 'text';
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
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
        value={props.type === 'password' ? undefined : props.value}
        required={props.required}
        autocomplete={props.autoComplete}
        autofocus={props.autoFocus}
        minLength={props.minLength}
        maxLength={props.maxLength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.hint && (
        <div class="hint" id={`${id}-hint`}>
          {props.hint}
        </div>
      )}
      {props.error && (
        <div class="field-error" id={`${id}-error`}>
          {props.error}
        </div>
      )}
    </div>
  );
}

/** A labelled select with its error. */
export function SelectField(props: {
  label: string;
  name: string;
  options: { value: string; label: string }[];
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
}) {
  const id = `field-${props.name}`;
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name} aria-invalid={props.error ? 'true' : undefined}>
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
      {props.hint && <div class="hint">{props.hint}</div>}
      {props.error && <div class="field-error">{props.error}</div>}
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
