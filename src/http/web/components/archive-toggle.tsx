import { PostForm } from './form.js';

/**
 * The archive/restore button in a detail page's header. Products, plans, add-ons, coupons and tax
 * rates are archived rather than deleted, all the same way: one POST to the record's `/status`
 * with the state it should go to. An archived record offers Restore, any other offers Archive.
 */
export function ArchiveToggle(props: {
  /** The record's page, e.g. /admin/coupons/c_1; the form posts to its /status. */
  path: string;
  csrfToken: string;
  archived: boolean;
  /** What the record is called on the button, e.g. "add-on". */
  noun: string;
}) {
  const { archived, noun } = props;
  return (
    <PostForm action={`${props.path}/status`} csrfToken={props.csrfToken} class="inline-form">
      <input type="hidden" name="archived" value={archived ? 'false' : 'true'} />
      <button type="submit" class={archived ? 'button secondary' : 'button danger'}>
        {archived ? `Restore ${noun}` : `Archive ${noun}`}
      </button>
    </PostForm>
  );
}
