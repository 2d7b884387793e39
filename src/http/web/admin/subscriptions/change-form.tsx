import type { SubscriptionStep } from '../../../../modules/subscriptions/index.js';
import { Field, FormAlert, PostForm, emptyForm, type FormState } from '../../components/form.js';
import type { ChangeKind } from './change-kinds.js';
import type { SubscriptionPageData } from './subscription-page-data.js';
import { StepPreview } from './step-preview.js';

/** The change form last submitted on the page: what was posted, and the preview or the refusal it got. */
export interface ChangeView {
  key: string;
  /** The change's own fields as posted (not the confirm's reason and quote). */
  values: Record<string, string>;
  preview?: SubscriptionStep;
  refused?: FormState;
}

function ConfirmForm(props: {
  action: string;
  csrfToken: string;
  kind: ChangeKind;
  values: Record<string, string>;
  step: SubscriptionStep;
  discardHref: string;
}) {
  return (
    <PostForm action={props.action} csrfToken={props.csrfToken}>
      {/* The very inputs that were previewed, and the preview's instant: the commit reproduces it exactly. */}
      {Object.entries(props.values).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="quotedAt" value={props.step.at.toISOString()} />
      <Field
        label="Reason"
        name="reason"
        form={emptyForm}
        maxLength={500}
        hint={`Shown in the timeline. Left empty: "${props.step.reason}".`}
      />
      <div class="form-actions">
        <button type="submit" class="button">
          {props.kind.confirmLabel}
        </button>
        <a href={props.discardHref} class="button secondary">
          Discard
        </a>
      </div>
    </PostForm>
  );
}

/**
 * One change, in two steps: its fields and a Preview button; then the engine's preview of exactly
 * what will happen, with a Confirm button that commits that preview. Plain forms (each answer is the
 * whole page again, scrolled to this change), so it works without JavaScript.
 */
export function ChangeForm(props: {
  kind: ChangeKind;
  data: SubscriptionPageData;
  csrfToken: string;
  view: ChangeView | undefined;
}) {
  const { kind, data } = props;
  const mine = props.view?.key === kind.key ? props.view : undefined;
  const form: FormState = mine?.refused ?? { values: mine?.values ?? kind.defaults(data), errors: {} };
  const page = `/admin/subscriptions/${data.subscription.id}`;
  const action = `${page}/changes/${kind.key}`;
  const anchor = `#change-${kind.key}`;
  const { Fields } = kind;
  return (
    <details id={`change-${kind.key}`} class="form-anchor" open={mine !== undefined}>
      <summary>
        <strong>{kind.title}</strong>
      </summary>
      <div class="stack">
        <FormAlert message={form.message} />
        <PostForm action={`${action}/preview${anchor}`} csrfToken={props.csrfToken}>
          {Fields && <Fields form={form} data={data} />}
          <div class="form-actions">
            <button type="submit" class={mine?.preview ? 'button secondary' : 'button'}>
              {mine?.preview ? 'Preview again' : 'Preview'}
            </button>
          </div>
        </PostForm>
        {mine?.preview && (
          <>
            <StepPreview data={data} step={mine.preview} />
            <ConfirmForm
              action={`${action}${anchor}`}
              csrfToken={props.csrfToken}
              kind={kind}
              values={mine.values}
              step={mine.preview}
              discardHref={page}
            />
          </>
        )}
      </div>
    </details>
  );
}
