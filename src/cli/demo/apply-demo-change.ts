import { cliActor } from '../../modules/audit/index.js';
import {
  applySubscriptionAction,
  cancelSubscription,
  changePlan,
  commitChange,
  extendSubscription,
  getSubscription,
  listSubscriptionItems,
  pauseSubscription,
  reactivateSubscription,
  resumeSubscription,
  setSubscriptionItem,
  undoCancellation,
  type Subscription,
  type SubscriptionsContext,
} from '../../modules/subscriptions/index.js';
import { demoId, type DemoCatalogIds } from './create-catalog.js';
import type { DemoChange } from './demo-stories.js';

const dayMs = 86_400_000;
const changeable = ['trialing', 'active', 'past_due'];

/**
 * Whether the change still makes sense for the subscription as it is now. Stories are written in
 * advance and lives diverge (a subscription canceled in May is not upgraded in June), so a change
 * that no longer fits is left out, as the person would not have made it.
 */
async function fits(
  ctx: SubscriptionsContext,
  catalog: DemoCatalogIds,
  row: Subscription,
  change: DemoChange,
): Promise<boolean> {
  const at = ctx.clock.now();
  switch (change.kind) {
    case 'change_plan': {
      const planId = demoId(catalog.plans, change.planCode);
      if (
        !changeable.includes(row.state) ||
        row.cancelAtPeriodEnd ||
        row.pendingPlanId ||
        planId === row.planId
      )
        return false;
      // Add-ons are priced per interval, so they cannot follow a plan of another length.
      const sameInterval = catalog.planIntervals.get(planId) === catalog.planIntervals.get(row.planId);
      return sameInterval || (await listSubscriptionItems(ctx.db, row.id)).length === 0;
    }
    case 'set_addon': {
      if (!changeable.includes(row.state)) return false;
      const addonId = demoId(catalog.addons, change.addonCode);
      const held = (await listSubscriptionItems(ctx.db, row.id)).find((item) => item.addonId === addonId);
      return (held?.quantity ?? 0) !== change.quantity;
    }
    case 'cancel':
      return change.when === 'period_end'
        ? changeable.includes(row.state) && !row.cancelAtPeriodEnd
        : row.state !== 'canceled' && row.state !== 'expired';
    case 'undo_cancel':
      return row.cancelAtPeriodEnd;
    case 'reactivate':
      // Well inside the plans' 30-day window to take a cancellation back.
      return (
        row.state === 'canceled' && !!row.canceledAt && at.getTime() - row.canceledAt.getTime() < 25 * dayMs
      );
    case 'pause':
      return row.state === 'active' && !row.cancelAtPeriodEnd && !row.pendingPlanId;
    case 'resume':
      return row.state === 'paused';
    case 'extend':
      return [...changeable, 'paused'].includes(row.state);
    case 'payment_failed':
      return row.state === 'active';
    case 'payment_recovered':
    case 'suspend':
      return row.state === 'past_due';
  }
}

/** Makes one story change through the subscriptions module, as staff would; false when it no longer fits. */
export async function applyDemoChange(
  ctx: SubscriptionsContext,
  catalog: DemoCatalogIds,
  subscriptionId: string,
  change: DemoChange,
): Promise<boolean> {
  const row = await getSubscription(ctx.db, subscriptionId);
  if (!(await fits(ctx, catalog, row, change))) return false;
  const id = row.id;
  switch (change.kind) {
    case 'change_plan':
      await commitChange(ctx, id, changePlan, { planId: demoId(catalog.plans, change.planCode) }, cliActor);
      break;
    case 'set_addon':
      await commitChange(
        ctx,
        id,
        setSubscriptionItem,
        { addonId: demoId(catalog.addons, change.addonCode), quantity: change.quantity },
        cliActor,
      );
      break;
    case 'cancel':
      await commitChange(
        ctx,
        id,
        cancelSubscription,
        { when: change.when, prorate: change.when === 'now', reason: change.reason },
        cliActor,
      );
      break;
    case 'undo_cancel':
      await commitChange(ctx, id, undoCancellation, { reason: 'Changed their mind' }, cliActor);
      break;
    case 'reactivate':
      await commitChange(ctx, id, reactivateSubscription, { reason: 'Came back' }, cliActor);
      break;
    case 'pause': {
      const resumeAt =
        change.resumeAfterDays === null
          ? undefined
          : new Date(ctx.clock.now().getTime() + change.resumeAfterDays * dayMs);
      await commitChange(ctx, id, pauseSubscription, { resumeAt, reason: 'Away for a while' }, cliActor);
      break;
    }
    case 'resume':
      await commitChange(ctx, id, resumeSubscription, { reason: 'Back from a break' }, cliActor);
      break;
    case 'extend':
      await commitChange(ctx, id, extendSubscription, { days: change.days, reason: change.reason }, cliActor);
      break;
    case 'payment_failed':
      await applySubscriptionAction(ctx, id, { action: 'payment_failed', reason: 'Card declined' }, cliActor);
      break;
    case 'payment_recovered':
      await applySubscriptionAction(
        ctx,
        id,
        { action: 'payment_recovered', reason: 'Paid with an updated card' },
        cliActor,
      );
      break;
    case 'suspend':
      await applySubscriptionAction(ctx, id, { action: 'suspend', reason: 'Unpaid for 14 days' }, cliActor);
      break;
  }
  return true;
}
