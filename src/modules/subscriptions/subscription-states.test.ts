import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/app-error.js';
import {
  allowedSubscriptionActions,
  nextSubscriptionState,
  subscriptionActions,
  subscriptionStates,
  type SubscriptionState,
} from './subscription-states.js';

describe('subscription state machine', () => {
  it('follows the table for the everyday story', () => {
    let state: SubscriptionState = 'trialing';
    for (const action of [
      'convert_trial',
      'payment_failed',
      'payment_recovered',
      'pause',
      'resume',
      'cancel',
      'reactivate',
      'cancel',
      'expire',
    ] as const) {
      state = nextSubscriptionState(state, action);
    }
    expect(state).toBe('expired');
    expect(nextSubscriptionState('past_due', 'suspend')).toBe('suspended');
    expect(nextSubscriptionState('suspended', 'reinstate')).toBe('active');
  });

  it('refuses what the table does not allow, with a message a person understands', () => {
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof AppError ? `${error.code}: ${error.userMessage}` : String(error);
      }
      return 'allowed';
    };
    expect(refusal(() => nextSubscriptionState('active', 'resume'))).toBe(
      'conflict: Cannot resume a subscription that is active.',
    );
    expect(refusal(() => nextSubscriptionState('past_due', 'pause'))).toBe(
      'conflict: Cannot pause a subscription that is past due.',
    );
    expect(() => nextSubscriptionState('expired', 'reactivate')).toThrow(AppError);
  });

  it('agrees with allowedSubscriptionActions for every state and action', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...subscriptionStates),
        fc.constantFrom(...subscriptionActions),
        (state, action) => {
          const allowed = allowedSubscriptionActions(state).includes(action);
          if (allowed) expect(subscriptionStates).toContain(nextSubscriptionState(state, action));
          else expect(() => nextSubscriptionState(state, action)).toThrow(AppError);
        },
      ),
    );
  });

  it('ends in expired, which nothing leaves, and every state is reachable from a trial or a start', () => {
    expect(allowedSubscriptionActions('expired')).toEqual([]);
    const reachable = new Set<SubscriptionState>(['trialing', 'active']);
    for (let round = 0; round < subscriptionStates.length; round++) {
      for (const state of [...reachable])
        for (const action of allowedSubscriptionActions(state))
          reachable.add(nextSubscriptionState(state, action));
    }
    expect([...reachable].sort()).toEqual([...subscriptionStates].sort());
  });

  it('never lets a random sequence of allowed actions leave the set of states', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...subscriptionActions), { maxLength: 40 }), (actions) => {
        let state: SubscriptionState = 'trialing';
        for (const action of actions) {
          if (allowedSubscriptionActions(state).includes(action))
            state = nextSubscriptionState(state, action);
        }
        expect(subscriptionStates).toContain(state);
      }),
    );
  });
});
