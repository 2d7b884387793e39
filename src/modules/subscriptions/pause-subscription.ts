import { z } from 'zod';
import { validationError } from '../../lib/app-error.js';
import { resumedRow } from './due-steps.js';
import type { SubscriptionChange } from './subscription-changes.js';
import { eventBody, loadFacts, planOf } from './subscription-facts.js';
import { nextSubscriptionState } from './subscription-states.js';
import { withNextDue } from './subscription-step.js';

const pauseInput = z.object({
  resumeAt: z.coerce
    .date({ error: 'must be a date and time such as 2027-03-01T00:00:00Z' })
    .optional()
    .describe('Resume by itself at this time; without it, it stays paused until resumed'),
});

/**
 * Pause: access and billing stop, and the time left in the period is kept. On resume that time is
 * given back from the moment of resuming, so a pause neither loses paid time nor gives free time.
 */
export const pauseSubscription: SubscriptionChange<typeof pauseInput> = {
  input: pauseInput,
  async build(tx, row, input, at) {
    const state = nextSubscriptionState(row.state, 'pause');
    if (input.resumeAt && input.resumeAt <= at)
      throw validationError({ resumeAt: `must be after now (${at.toISOString()})` });
    const plan = planOf(await loadFacts(tx, [row]), row.planId);
    const after = withNextDue(
      { ...row, state, pausedAt: at, resumeAt: input.resumeAt ?? null, updatedAt: at },
      plan,
    );
    return {
      before: row,
      after,
      at,
      charges: [],
      credits: null,
      action: 'pause',
      reason: input.resumeAt ? `Paused until ${input.resumeAt.toISOString()}` : 'Paused',
      events: [
        {
          type: 'subscription.paused',
          payload: { ...eventBody(after), resumeAt: input.resumeAt?.toISOString() ?? null },
        },
      ],
    };
  },
};

/** Resume now: the time that was left when it paused runs again from now. */
export const resumeSubscription: SubscriptionChange<z.ZodObject> = {
  input: z.object({}),
  async build(tx, row, _input, at) {
    nextSubscriptionState(row.state, 'resume');
    const plan = planOf(await loadFacts(tx, [row]), row.planId);
    const after = withNextDue({ ...resumedRow(row, at), updatedAt: at }, plan);
    return {
      before: row,
      after,
      at,
      charges: [],
      credits: null,
      action: 'resume',
      reason: 'Resumed',
      events: [{ type: 'subscription.resumed', payload: eventBody(after) }],
    };
  },
};
