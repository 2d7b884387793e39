import { Card } from '../../components/detail.js';
import { changeKinds } from './change-kinds.js';
import { ChangeForm, type ChangeView } from './change-form.js';
import type { SubscriptionPageData } from './subscription-page-data.js';

/** The changes a subscription offers as it stands (and the one just submitted, even if it no longer fits). */
export function shownChangeKinds(data: SubscriptionPageData, view: ChangeView | undefined) {
  return changeKinds.filter((kind) => kind.offered(data) || kind.key === view?.key);
}

/** Every change that can be made now, each a preview-then-confirm form. */
export function ChangesCard(props: {
  data: SubscriptionPageData;
  csrfToken: string;
  view: ChangeView | undefined;
}) {
  const kinds = shownChangeKinds(props.data, props.view);
  if (kinds.length === 0) return null;
  return (
    <Card title="Make a change">
      <p class="muted">Each change is previewed first: the money it moves and the subscription after it.</p>
      <div class="stack">
        {kinds.map((kind) => (
          <ChangeForm kind={kind} data={props.data} csrfToken={props.csrfToken} view={props.view} />
        ))}
      </div>
    </Card>
  );
}
