import type { FixedClock } from '../../lib/clock.js';
import type { Db } from '../../lib/db/database.js';
import type { DueWork } from '../../lib/due-work.js';
import { cliActor } from '../../modules/audit/index.js';
import { setPlanPrice } from '../../modules/catalog/index.js';
import { createCustomer, linkIdentity } from '../../modules/customers/index.js';
import { commitChange, createSubscription, setSubscriptionItem } from '../../modules/subscriptions/index.js';
import { applyDemoChange } from './apply-demo-change.js';
import { demoPriceRise } from './catalog-data.js';
import { demoId, type DemoCatalogIds } from './create-catalog.js';
import type { CustomerStory } from './demo-stories.js';

const dayMs = 86_400_000;
const weekMs = 7 * dayMs;

export interface DemoWorld {
  db: Db;
  /** The demo's "now", moved through the year; every module call reads the time from it. */
  clock: FixedClock;
  dueWork: readonly DueWork[];
  catalog: DemoCatalogIds;
}

export interface HistoryProgress {
  reached: Date;
  /** How much of the year is done, 0 to 1. */
  fraction: number;
  customers: number;
  steps: number;
}

export interface HistoryResult {
  customers: number;
  subscriptions: number;
  /** Changes people made (plan changes, cancellations, pauses …), including the starts. */
  peopleSteps: number;
  /** Items of due work the bill run handled (renewals, trial ends, booked cancellations, expiries …). */
  billRunSteps: number;
  weeks: number;
}

/** Something that happens at one moment of the demo year. */
interface Moment {
  at: number;
  /** It changes a subscription, so that subscription must first be brought up to this moment. */
  changesSubscription?: boolean;
  run(): Promise<void>;
}

/** Turns the stories into moments in time, each doing its part through the modules. */
function momentsOf(
  world: DemoWorld,
  stories: CustomerStory[],
  start: number,
  result: HistoryResult,
): Moment[] {
  const ctx = { db: world.db, clock: world.clock };
  const { catalog } = world;
  const moments: Moment[] = [
    {
      at: start + demoPriceRise.day * dayMs,
      run: async () => {
        const planId = demoId(catalog.plans, demoPriceRise.planCode);
        for (const [currency, amount] of Object.entries(demoPriceRise.amounts))
          await setPlanPrice(ctx, planId, { currency, amount }, cliActor);
      },
    },
  ];
  for (const story of stories) {
    let customerId = '';
    moments.push({
      at: start + story.signupDay * dayMs,
      run: async () => {
        customerId = (await createCustomer(ctx, story.person.input, cliActor)).id;
        for (const identity of story.identities) await linkIdentity(ctx, customerId, identity, cliActor);
        result.customers += 1;
      },
    });
    for (const subscription of story.subscriptions) {
      let subscriptionId = '';
      moments.push({
        at: start + subscription.startDay * dayMs,
        run: async () => {
          const planId = demoId(catalog.plans, subscription.planCode);
          subscriptionId = (await createSubscription(ctx, { customerId, planId }, cliActor)).id;
          for (const item of subscription.addons) {
            const addonId = demoId(catalog.addons, item.addonCode);
            await commitChange(
              ctx,
              subscriptionId,
              setSubscriptionItem,
              { addonId, quantity: item.quantity },
              cliActor,
            );
          }
          result.subscriptions += 1;
          result.peopleSteps += 1 + subscription.addons.length;
        },
      });
      for (const { day, change } of subscription.changes) {
        moments.push({
          at: start + day * dayMs,
          changesSubscription: true,
          run: async () => {
            if (await applyDemoChange(ctx, catalog, subscriptionId, change)) result.peopleSteps += 1;
          },
        });
      }
    }
  }
  // A stable sort keeps same-moment steps in story order (a customer before their subscription).
  return moments.sort((a, b) => a.at - b.at);
}

/**
 * Lives the demo year week by week on the moving clock: due work runs before each change (so the
 * change sees the subscription as it is at that instant), and each week ends by running everything
 * due up to its end. What happens is the engine's doing, exactly as in production.
 */
export async function runDemoHistory(
  world: DemoWorld,
  stories: CustomerStory[],
  span: { from: Date; to: Date },
  onProgress: (progress: HistoryProgress) => void,
): Promise<HistoryResult> {
  const result: HistoryResult = { customers: 0, subscriptions: 0, peopleSteps: 0, billRunSteps: 0, weeks: 0 };
  const start = span.from.getTime();
  const end = span.to.getTime();
  const moments = momentsOf(world, stories, start, result).filter((moment) => moment.at <= end);
  const scope = { testClockId: null };
  const runDue = async (until: number) => {
    world.clock.set(new Date(until));
    for (const work of world.dueWork) result.billRunSteps += await work.runDue(scope, new Date(until));
  };
  let next = 0;
  for (let weekEnd = start + weekMs; ; weekEnd += weekMs) {
    const until = Math.min(weekEnd, end);
    for (let moment = moments[next]; moment && moment.at <= until; moment = moments[++next]) {
      // Starts and sign-ups read no subscription, so their due work can wait for the next change or week end.
      if (moment.changesSubscription) await runDue(moment.at);
      else world.clock.set(new Date(moment.at));
      await moment.run();
    }
    await runDue(until);
    result.weeks += 1;
    onProgress({
      reached: new Date(until),
      fraction: (until - start) / (end - start),
      customers: result.customers,
      steps: result.peopleSteps + result.billRunSteps,
    });
    if (until >= end) return result;
  }
}
