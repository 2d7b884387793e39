import type { ComponentChildren } from 'preact';
import { FormAlert, PostForm, type FormState } from '../../components/form.js';

/**
 * The "Set price" form of a plan's or an add-on's page. Both post to the record's /prices, come
 * back to #set-price with the refusal, and give way to a note while the record is archived; only
 * the price fields inside differ (an add-on's price also has a billing interval).
 */
export function SetPriceForm(props: {
  /** The record's page, e.g. /admin/catalog/plans/p_1. */
  path: string;
  csrfToken: string;
  form: FormState;
  archived: boolean;
  /** What the record is called in the archived note, e.g. "add-on". */
  noun: string;
  children: ComponentChildren;
}) {
  return (
    <div id="set-price" class="form-anchor">
      <FormAlert message={props.form.message} />
      {props.archived ? (
        <p class="muted">This {props.noun} is archived. Restore it to change its prices.</p>
      ) : (
        <PostForm action={`${props.path}/prices#set-price`} csrfToken={props.csrfToken}>
          {props.children}
          <div class="form-actions">
            <button type="submit" class="button">
              Set price
            </button>
          </div>
        </PostForm>
      )}
    </div>
  );
}
