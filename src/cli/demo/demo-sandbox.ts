import { cliActor } from '../../modules/audit/index.js';
import { createCustomer } from '../../modules/customers/index.js';
import { createSubscription, type SubscriptionsContext } from '../../modules/subscriptions/index.js';
import { createTestClock, type TestClock, type TestClocksContext } from '../../modules/test-clocks/index.js';
import { demoId, type DemoCatalogIds } from './create-catalog.js';

const sandboxCustomers = [
  { name: 'Sandy Trialist', email: 'sandy.trialist@example.com', currency: 'USD', plan: 'plex-1-month' },
  { name: 'Vic Important', email: 'vic.important@example.org', currency: 'EUR', plan: 'discord-vip-monthly' },
  { name: 'Cora Credits', email: 'cora.credits@example.net', currency: 'GBP', plan: 'pixelforge-pro' },
] as const;

/** A test clock with a few sandbox customers on it, to try advancing time without touching real ones. */
export async function createDemoSandbox(
  ctx: TestClocksContext & SubscriptionsContext,
  catalog: DemoCatalogIds,
): Promise<{ clock: TestClock; customers: number }> {
  const clock = await createTestClock(ctx, { name: 'Demo sandbox' }, cliActor);
  for (const sandbox of sandboxCustomers) {
    const customer = await createCustomer(
      ctx,
      {
        name: sandbox.name,
        email: sandbox.email,
        currency: sandbox.currency,
        tags: ['sandbox'],
        testClockId: clock.id,
      },
      cliActor,
    );
    const planId = demoId(catalog.plans, sandbox.plan);
    await createSubscription(ctx, { customerId: customer.id, planId }, cliActor);
  }
  return { clock, customers: sandboxCustomers.length };
}
