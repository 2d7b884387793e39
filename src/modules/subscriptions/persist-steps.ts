import { and, eq, sql } from 'drizzle-orm';
import type { Clock } from '../../lib/clock.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { applyPeriodCredits } from '../credits/index.js';
import { recordEvents } from '../events/index.js';
import { subscriptionItems } from './schema.js';
import type { SubscriptionStep } from './subscription-step.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

// Rows per statement: keeps every INSERT far below PostgreSQL's 65,535 bind parameters.
const chunk = 5000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let from = 0; from < items.length; from += chunk) out.push(items.slice(from, from + chunk));
  return out;
}

/**
 * Writes the mutable columns of many subscriptions in one UPDATE: each column travels as one array
 * parameter and `unnest` turns them back into rows, so a batch costs one round trip, not one per row.
 */
async function updateRows(tx: DbOrTx, steps: readonly SubscriptionStep[]): Promise<void> {
  const rows = steps.map((step) => step.after);
  const column = <T>(pick: (row: (typeof rows)[number]) => T) => sql.param(rows.map(pick));
  await tx.execute(sql`
    UPDATE subscriptions AS s SET
      state = v.state, plan_id = v.plan_id, price_id = v.price_id, quantity = v.quantity,
      anchor_at = v.anchor_at, current_period_start = v.current_period_start,
      current_period_end = v.current_period_end, trial_ends_at = v.trial_ends_at,
      cancel_at_period_end = v.cancel_at_period_end, canceled_at = v.canceled_at, ended_at = v.ended_at,
      pending_plan_id = v.pending_plan_id, pending_price_id = v.pending_price_id,
      pending_quantity = v.pending_quantity, paused_at = v.paused_at, resume_at = v.resume_at,
      trial_will_end_sent_at = v.trial_will_end_sent_at, next_due_at = v.next_due_at,
      updated_at = v.updated_at
    FROM unnest(
      ${column((r) => r.id)}::uuid[], ${column((r) => r.state)}::text[],
      ${column((r) => r.planId)}::uuid[], ${column((r) => r.priceId)}::uuid[],
      ${column((r) => r.quantity)}::int[], ${column((r) => iso(r.anchorAt))}::timestamptz[],
      ${column((r) => iso(r.currentPeriodStart))}::timestamptz[],
      ${column((r) => iso(r.currentPeriodEnd))}::timestamptz[],
      ${column((r) => iso(r.trialEndsAt))}::timestamptz[], ${column((r) => r.cancelAtPeriodEnd)}::bool[],
      ${column((r) => iso(r.canceledAt))}::timestamptz[], ${column((r) => iso(r.endedAt))}::timestamptz[],
      ${column((r) => r.pendingPlanId)}::uuid[], ${column((r) => r.pendingPriceId)}::uuid[],
      ${column((r) => r.pendingQuantity)}::int[], ${column((r) => iso(r.pausedAt))}::timestamptz[],
      ${column((r) => iso(r.resumeAt))}::timestamptz[],
      ${column((r) => iso(r.trialWillEndSentAt))}::timestamptz[],
      ${column((r) => iso(r.nextDueAt))}::timestamptz[], ${column((r) => iso(r.updatedAt))}::timestamptz[]
    ) AS v(id, state, plan_id, price_id, quantity, anchor_at, current_period_start, current_period_end,
           trial_ends_at, cancel_at_period_end, canceled_at, ended_at, pending_plan_id, pending_price_id,
           pending_quantity, paused_at, resume_at, trial_will_end_sent_at, next_due_at, updated_at)
    WHERE s.id = v.id`);
}

/** Pending charges of many steps in one INSERT … SELECT FROM unnest, in order (see updateRows). */
async function insertCharges(tx: DbOrTx, steps: readonly SubscriptionStep[]): Promise<void> {
  const lines = steps.flatMap((step) => step.charges.map((line) => ({ line, step })));
  if (lines.length === 0) return;
  const column = <T>(pick: (entry: (typeof lines)[number]) => T) => sql.param(lines.map(pick));
  await tx.execute(sql`
    INSERT INTO subscription_charges
      (subscription_id, customer_id, test_clock_id, kind, description, quantity, amount, currency,
       period_start, period_end, created_at)
    SELECT v.subscription_id, v.customer_id, v.test_clock_id, v.kind, v.description, v.quantity, v.amount,
           v.currency, v.period_start, v.period_end, v.created_at
    FROM unnest(
      ${column(({ step }) => step.after.id)}::uuid[], ${column(({ step }) => step.after.customerId)}::uuid[],
      ${column(({ step }) => step.after.testClockId)}::uuid[],
      ${column(({ line }) => line.kind)}::text[],
      ${column(({ line }) => line.description)}::text[], ${column(({ line }) => line.quantity ?? 1)}::int[],
      ${column(({ line }) => line.amount.toString())}::bigint[], ${column(({ line }) => line.currency)}::text[],
      ${column(({ line }) => line.periodStart.toISOString())}::timestamptz[],
      ${column(({ line }) => line.periodEnd.toISOString())}::timestamptz[],
      ${column(({ step }) => step.at.toISOString())}::timestamptz[]
    ) WITH ORDINALITY AS v(subscription_id, customer_id, test_clock_id, kind, description, quantity, amount,
                           currency, period_start, period_end, created_at, position)
    ORDER BY v.position`);
}

/** Timeline lines for many steps in one INSERT … SELECT FROM unnest (see updateRows). */
async function insertTimeline(tx: DbOrTx, steps: readonly SubscriptionStep[], actor: Actor): Promise<void> {
  const column = <T>(pick: (step: SubscriptionStep) => T) => sql.param(steps.map(pick));
  await tx.execute(sql`
    INSERT INTO subscription_transitions
      (subscription_id, action, from_state, to_state, reason, actor_user_id, actor_label, occurred_at)
    SELECT v.subscription_id, v.action, v.from_state, v.to_state, v.reason,
           ${actor.userId}::uuid, ${actor.label}, v.occurred_at
    FROM unnest(
      ${column((step) => step.after.id)}::uuid[], ${column((step) => step.action)}::text[],
      ${column((step) => step.before.state)}::text[], ${column((step) => step.after.state)}::text[],
      ${column((step) => step.reason)}::text[], ${column((step) => step.at.toISOString())}::timestamptz[]
    ) AS v(subscription_id, action, from_state, to_state, reason, occurred_at)`);
}

/** Sets or removes the add-on lines a step changes (rare: one query per line is fine). */
async function writeItems(tx: DbOrTx, step: SubscriptionStep): Promise<void> {
  for (const item of step.items ?? []) {
    const key = and(
      eq(subscriptionItems.subscriptionId, step.after.id),
      eq(subscriptionItems.addonId, item.addonId),
    );
    if (item.quantity === 0) {
      await tx.delete(subscriptionItems).where(key);
      continue;
    }
    await tx
      .insert(subscriptionItems)
      .values({ subscriptionId: step.after.id, ...item, createdAt: step.at, updatedAt: step.at })
      .onConflictDoUpdate({
        target: [subscriptionItems.subscriptionId, subscriptionItems.addonId],
        set: { addonPriceId: item.addonPriceId, quantity: item.quantity, updatedAt: step.at },
      });
  }
}

/**
 * Writes worked-out steps in the caller's transaction: the rows, their pending charges, timeline
 * lines, outbox events and the credits they grant, each kind in set-based statements. Staff changes are also audited (at
 * real time `auditAt`; a step's own time may be a test clock's); the bill run's steps are recorded
 * by the timeline and the outbox instead.
 */
export async function persistSteps(
  tx: DbOrTx,
  steps: readonly SubscriptionStep[],
  actor: Actor,
  options: { auditAt: Date | null; clock: Clock },
): Promise<void> {
  for (const part of chunks(steps)) {
    await updateRows(tx, part);
    await insertCharges(tx, part);
    const timeline = part.filter((step) => step.action !== null);
    if (timeline.length > 0) await insertTimeline(tx, timeline, actor);
    for (const step of part) await writeItems(tx, step);
    await recordEvents(
      tx,
      part.flatMap((step) =>
        step.events.map((event) => ({
          ...event,
          entityType: 'subscription',
          entityId: step.after.id,
          occurredAt: step.at,
        })),
      ),
    );
  }
  const credited = steps.filter((step) => step.credits !== null);
  if (credited.length > 0)
    await applyPeriodCredits(
      tx,
      options.clock,
      credited.map(({ after, at, credits }) => ({
        customerId: after.customerId,
        testClockId: after.testClockId,
        subscriptionId: after.id,
        at,
        ...credits!,
      })),
    );
  const { auditAt } = options;
  if (!auditAt) return;
  for (const step of steps) {
    if (step.action === null) continue;
    await recordAuditEvent(tx, {
      actor,
      action: `subscription.${step.action}`,
      entityType: 'subscription',
      entityId: step.after.id,
      before: { state: step.before.state },
      after: { state: step.after.state, reason: step.reason },
      at: auditAt,
    });
  }
}
