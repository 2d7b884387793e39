import type { FunctionComponent } from 'preact';
import type { z } from 'zod';
import {
  allowedSubscriptionActions,
  cancelSubscription,
  changePlan,
  extendSubscription,
  pauseSubscription,
  reactivateSubscription,
  resumeSubscription,
  setSubscriptionItem,
  undoCancellation,
  type SubscriptionAction,
  type SubscriptionChange,
} from '../../../../modules/subscriptions/index.js';
import type { FormState } from '../../components/form.js';
import { utcFromInput } from '../../date-time-input.js';
import { AddonLineFields } from './addon-line-fields.js';
import { CancelFields } from './cancel-fields.js';
import { ChangePlanFields } from './change-plan-fields.js';
import { ExtendFields } from './extend-fields.js';
import { PauseFields } from './pause-fields.js';
import type { SubscriptionPageData } from './subscription-page-data.js';

type Values = Record<string, string>;

/** One change the subscription page offers: its form, and how the form's fields become the change's input. */
export interface ChangeKind {
  key: string;
  title: string;
  confirmLabel: string;
  change: SubscriptionChange<z.ZodType>;
  /**
   * Whether the page offers it for the subscription as it stands. Only to keep the page short: the
   * engine decides, and refuses with a message when the page guessed wrong.
   */
  offered(data: SubscriptionPageData): boolean;
  /** What a fresh form starts with. */
  defaults(data: SubscriptionPageData): Values;
  /** The posted fields as the change's input (a ticked box posts "true", an unticked one nothing). */
  input(values: Values): Record<string, unknown>;
  Fields?: FunctionComponent<{ form: FormState; data: SubscriptionPageData }>;
}

const allows = (data: SubscriptionPageData, action: SubscriptionAction) =>
  allowedSubscriptionActions(data.subscription.state).includes(action);
const changeable = (data: SubscriptionPageData) =>
  ['trialing', 'active', 'past_due'].includes(data.subscription.state);
const ticked = (values: Values, name: string) => values[name] === 'true';
const none = () => ({});

const kinds: ChangeKind[] = [
  {
    key: 'plan',
    title: 'Change plan or quantity',
    confirmLabel: 'Confirm plan change',
    change: changePlan,
    offered: changeable,
    defaults: (data) => ({
      planId: data.subscription.planId,
      quantity: String(data.subscription.quantity),
      timing: 'default',
      prorate: 'true',
    }),
    input: (values) => ({
      planId: values['planId'],
      quantity: values['quantity'],
      timing: values['timing'] === 'default' ? undefined : values['timing'],
      prorate: ticked(values, 'prorate'),
    }),
    Fields: ChangePlanFields,
  },
  {
    key: 'addon',
    title: 'Add, change or remove an add-on',
    confirmLabel: 'Confirm add-on change',
    change: setSubscriptionItem,
    offered: (data) => changeable(data) && data.addons.some((addon) => !addon.archivedAt),
    defaults: () => ({ quantity: '1' }),
    input: (values) => ({ addonId: values['addonId'], quantity: values['quantity'] }),
    Fields: AddonLineFields,
  },
  {
    key: 'extend',
    title: 'Extend for free',
    confirmLabel: 'Confirm extension',
    change: extendSubscription,
    offered: (data) => changeable(data) || data.subscription.state === 'paused',
    defaults: () => ({ days: '7' }),
    input: (values) => ({ days: values['days'] }),
    Fields: ExtendFields,
  },
  {
    key: 'pause',
    title: 'Pause',
    confirmLabel: 'Confirm pause',
    change: pauseSubscription,
    offered: (data) => allows(data, 'pause'),
    defaults: none,
    input: (values) => ({ resumeAt: utcFromInput(values['resumeAt']) }),
    Fields: PauseFields,
  },
  {
    key: 'resume',
    title: 'Resume',
    confirmLabel: 'Confirm resume',
    change: resumeSubscription,
    offered: (data) => allows(data, 'resume'),
    defaults: none,
    input: none,
  },
  {
    key: 'cancel',
    title: 'Cancel',
    confirmLabel: 'Confirm cancellation',
    change: cancelSubscription,
    offered: (data) => allows(data, 'cancel'),
    defaults: () => ({ when: 'period_end' }),
    input: (values) => ({ when: values['when'], prorate: ticked(values, 'prorate') }),
    Fields: CancelFields,
  },
  {
    key: 'reactivate',
    title: 'Reactivate',
    confirmLabel: 'Confirm reactivation',
    change: reactivateSubscription,
    offered: (data) => allows(data, 'reactivate'),
    defaults: none,
    input: none,
  },
];

// No form of its own: the Undo button next to "Cancels at period end" commits it at once.
const undoCancel: ChangeKind = {
  key: 'undo-cancel',
  title: 'Undo the cancellation',
  confirmLabel: 'Undo',
  change: undoCancellation,
  offered: (data) => data.subscription.cancelAtPeriodEnd,
  defaults: none,
  input: none,
};

/** The changes with a form, in the order the page lists them. */
export const changeKinds: readonly ChangeKind[] = kinds;

/** A change by the key in its URL; undefined for an unknown one. */
export function changeKind(key: string): ChangeKind | undefined {
  return [...kinds, undoCancel].find((kind) => kind.key === key);
}
