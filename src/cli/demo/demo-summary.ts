import type { Db } from '../../lib/db/database.js';
import { listSubscriptions, subscriptionStates } from '../../modules/subscriptions/index.js';
import type { DemoCatalogIds } from './create-catalog.js';
import type { HistoryResult } from './run-demo-history.js';

export interface DemoSummaryInput {
  catalog: DemoCatalogIds;
  history: HistoryResult;
  sandbox: { clockId: string; clockName: string; customers: number };
  span: { from: Date; to: Date };
  elapsedMs: number;
}

const count = (value: number) => value.toLocaleString('en-US');

/** Subscriptions in each state that has any, e.g. "212 active, 9 trialing, 61 expired". */
async function subscriptionsByState(db: Db): Promise<{ total: number; text: string }> {
  const parts: string[] = [];
  let total = 0;
  for (const state of subscriptionStates) {
    const { total: inState } = await listSubscriptions(db, { state, page: 1, pageSize: 1 });
    total += inState;
    if (inState > 0) parts.push(`${count(inState)} ${state.replace('_', ' ')}`);
  }
  return { total, text: parts.join(', ') };
}

/** What the demo made, for the person who ran it. */
export async function demoSummary(db: Db, input: DemoSummaryInput): Promise<string> {
  const { catalog, history, sandbox, span } = input;
  const states = await subscriptionsByState(db);
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return [
    `Demo data is ready (${(input.elapsedMs / 1000).toFixed(1)} s).`,
    `  catalog        ${catalog.products} products, ${catalog.plans.size} plans, ${catalog.addons.size} add-ons`,
    `  customers      ${count(history.customers)} (+${sandbox.customers} sandbox customers on the test clock "${sandbox.clockName}")`,
    `  subscriptions  ${count(states.total)}: ${states.text}`,
    `  timeline       ${count(history.peopleSteps + history.billRunSteps)} steps: ${count(history.billRunSteps)} by the bill run (renewals, trial ends, booked changes, expiries), ${count(history.peopleSteps)} by people`,
    `  history        ${history.weeks} weeks, ${day(span.from)} to ${day(span.to)}`,
    `Try: tollgate test-clock advance ${sandbox.clockId} --by 1m`,
  ].join('\n');
}
