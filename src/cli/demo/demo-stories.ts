import type { IdentityInput } from '../../modules/customers/index.js';
import { demoPerson, EmailBook, handleOf, type DemoPerson } from './demo-people.js';
import type { SeededRandom } from './random.js';

/** Something a person (customer or staff) does to a subscription at some moment of the demo year. */
export type DemoChange =
  | { kind: 'change_plan'; planCode: string }
  | { kind: 'cancel'; when: 'now' | 'period_end'; reason: string }
  | { kind: 'undo_cancel' }
  | { kind: 'reactivate' }
  | { kind: 'pause'; resumeAfterDays: number | null }
  | { kind: 'resume' }
  | { kind: 'extend'; days: number; reason: string }
  | { kind: 'set_addon'; addonCode: string; quantity: number }
  | { kind: 'payment_failed' }
  | { kind: 'payment_recovered' }
  | { kind: 'suspend' };

/** One subscription's life: what is bought when, and what happens to it later (days after the year began). */
export interface SubscriptionStory {
  planCode: string;
  addons: { addonCode: string; quantity: number }[];
  startDay: number;
  changes: { day: number; change: DemoChange }[];
}

/** A customer of the demo: who they are, when they arrive, their outside accounts and subscriptions. */
export interface CustomerStory {
  person: DemoPerson;
  signupDay: number;
  identities: IdentityInput[];
  subscriptions: SubscriptionStory[];
}

type Interest = 'plex' | 'discord' | 'pixelforge' | 'game_server';

/** Where a subscription may move: a bigger and a smaller plan, and add-on steps up. */
interface Moves {
  up?: DemoChange | undefined;
  down?: DemoChange | undefined;
  upChance: number;
}

const cancelReasons = [
  'Too expensive for me right now',
  'Not using it enough',
  'Moving to another service',
  'Taking a break',
  'Found what I needed',
];

const extendReasons = ['Goodwill: server maintenance downtime', 'Referral reward', 'Support: billing mix-up'];

/** The common turns of a subscription's life after it starts, each with a realistic chance. */
function lifeTurns(random: SeededRandom, start: number, moves: Moves): SubscriptionStory['changes'] {
  const changes: SubscriptionStory['changes'] = [];
  const at = (min: number, max: number, from = start) => from + random.int(min, max) + random.next();
  if (moves.up && random.chance(moves.upChance)) changes.push({ day: at(10, 200), change: moves.up });
  if (moves.down && random.chance(0.05)) changes.push({ day: at(30, 260), change: moves.down });
  if (random.chance(0.06)) {
    changes.push({ day: at(20, 250), change: { kind: 'pause', resumeAfterDays: random.int(14, 60) } });
  } else if (random.chance(0.025)) {
    const pausedOn = at(20, 250);
    changes.push({ day: pausedOn, change: { kind: 'pause', resumeAfterDays: null } });
    if (random.chance(0.4)) changes.push({ day: at(20, 90, pausedOn), change: { kind: 'resume' } });
  }
  if (random.chance(0.03))
    changes.push({
      day: at(5, 300),
      change: { kind: 'extend', days: random.pick([7, 14, 30]), reason: random.pick(extendReasons) },
    });
  if (random.chance(0.05)) {
    const failed = at(20, 320);
    changes.push({ day: failed, change: { kind: 'payment_failed' } });
    changes.push(
      random.chance(0.75)
        ? { day: at(1, 5, failed), change: { kind: 'payment_recovered' } }
        : { day: failed + 14, change: { kind: 'suspend' } },
    );
  }
  if (random.chance(0.3)) {
    const canceled = at(25, 330);
    changes.push({
      day: canceled,
      change: { kind: 'cancel', when: 'period_end', reason: random.pick(cancelReasons) },
    });
    if (random.chance(0.15)) changes.push({ day: at(1, 6, canceled), change: { kind: 'undo_cancel' } });
  } else if (random.chance(0.05)) {
    const canceled = at(15, 330);
    changes.push({
      day: canceled,
      change: { kind: 'cancel', when: 'now', reason: random.pick(cancelReasons) },
    });
    if (random.chance(0.3)) changes.push({ day: at(1, 10, canceled), change: { kind: 'reactivate' } });
  }
  return changes;
}

const plan = (planCode: string): DemoChange => ({ kind: 'change_plan', planCode });
const addon = (addonCode: string, quantity: number): DemoChange => ({
  kind: 'set_addon',
  addonCode,
  quantity,
});

const longerPlex: Partial<Record<string, string>> = {
  'plex-1-month': 'plex-12-months',
  'plex-3-months': 'plex-6-months',
  'plex-6-months': 'plex-12-months',
};
const shorterPlex: Partial<Record<string, string>> = {
  'plex-12-months': 'plex-1-month',
  'plex-6-months': 'plex-3-months',
};

function plexStory(random: SeededRandom, start: number): SubscriptionStory {
  const planCode = random.weighted([
    ['plex-1-month', 55],
    ['plex-3-months', 15],
    ['plex-6-months', 10],
    ['plex-12-months', 20],
  ] as const);
  const streams = random.chance(0.2)
    ? random.weighted([
        [1, 4],
        [2, 1],
      ] as const)
    : 0;
  const addons = streams ? [{ addonCode: 'plex-extra-stream', quantity: streams }] : [];
  if (planCode === 'plex-1-month' && random.chance(0.22)) {
    // Tried it and left before the first payment.
    const day = start + random.int(1, 6) + random.next();
    const change: DemoChange = {
      kind: 'cancel',
      when: 'period_end',
      reason: 'Did not continue after the trial',
    };
    return { planCode, addons, startDay: start, changes: [{ day, change }] };
  }
  // Plans of another length restart the billing schedule, which add-ons priced per interval cannot
  // follow: with extra streams the story changes streams, without them it may change plan length.
  const longer = longerPlex[planCode];
  const shorter = shorterPlex[planCode];
  const moves: Moves = streams
    ? { up: streams < 4 ? addon('plex-extra-stream', streams + 1) : undefined, upChance: 0.15 }
    : {
        up: longer ? plan(longer) : addon('plex-extra-stream', 1),
        down: shorter ? plan(shorter) : undefined,
        upChance: 0.1,
      };
  return { planCode, addons, startDay: start, changes: lifeTurns(random, start, moves) };
}

function discordStory(random: SeededRandom, start: number): SubscriptionStory {
  const period = random.chance(0.75) ? 'monthly' : 'yearly';
  const tier = random.chance(0.65) ? 'supporter' : 'vip';
  const planCode = `discord-${tier}-${period}`;
  const moves: Moves = {
    up: tier === 'supporter' ? plan(`discord-vip-${period}`) : undefined,
    down: tier === 'vip' ? plan(`discord-supporter-${period}`) : undefined,
    upChance: 0.12,
  };
  return { planCode, addons: [], startDay: start, changes: lifeTurns(random, start, moves) };
}

function pixelforgeStory(random: SeededRandom, start: number): SubscriptionStory {
  const pro = random.chance(0.35);
  const moves: Moves = {
    up: pro ? undefined : plan('pixelforge-pro'),
    down: pro ? plan('pixelforge-starter') : undefined,
    upChance: 0.18,
  };
  const planCode = pro ? 'pixelforge-pro' : 'pixelforge-starter';
  return { planCode, addons: [], startDay: start, changes: lifeTurns(random, start, moves) };
}

const ramSizes = ['ram-4gb', 'ram-8gb', 'ram-16gb'] as const;

function gameServerStory(random: SeededRandom, start: number): SubscriptionStory {
  const planCode = random.chance(0.7) ? 'game-server-monthly' : 'game-server-quarterly';
  const ram = random.chance(0.6)
    ? random.weighted([
        [0, 50],
        [1, 35],
        [2, 15],
      ] as const)
    : null;
  const addons = [
    ...(ram === null ? [] : [{ addonCode: ramSizes[ram], quantity: 1 }]),
    ...(random.chance(0.4) ? [{ addonCode: 'daily-backups', quantity: 1 }] : []),
  ];
  // More memory is the usual upgrade; picking another RAM option replaces the one held.
  const bigger = ramSizes[(ram ?? -1) + 1];
  const smaller = ram ? ramSizes[ram - 1] : undefined;
  const moves: Moves = {
    up: bigger ? addon(bigger, 1) : undefined,
    down: smaller ? addon(smaller, 1) : undefined,
    upChance: 0.2,
  };
  return { planCode, addons, startDay: start, changes: lifeTurns(random, start, moves) };
}

const storyOf: Record<Interest, (random: SeededRandom, start: number) => SubscriptionStory> = {
  plex: plexStory,
  discord: discordStory,
  pixelforge: pixelforgeStory,
  game_server: gameServerStory,
};

/** What a customer came for: mostly one product, sometimes two, a few nothing yet (leads). */
function interestsOf(random: SeededRandom): Interest[] {
  return random.weighted<Interest[]>([
    [['plex'], 40],
    [['discord'], 22],
    [['pixelforge'], 14],
    [['game_server'], 12],
    [['plex', 'discord'], 6],
    [[], 6],
  ]);
}

/** Outside accounts a customer links: their Plex login for Plex, their Discord user for the community. */
function identitiesOf(
  random: SeededRandom,
  person: DemoPerson,
  interests: Interest[],
  discordIds: Set<string>,
): IdentityInput[] {
  const identities: IdentityInput[] = [];
  const handle = `${handleOf(person.first)}${handleOf(person.last).slice(0, 1)}`;
  if (interests.includes('plex') && random.chance(0.85)) {
    const email = String(person.input.email);
    const plexEmail = random.chance(0.6) ? email : email.replace('@', '+plex@');
    identities.push({ provider: 'plex', externalId: plexEmail, label: `${handle}_plex` });
  }
  if (interests.includes('discord') && random.chance(0.9)) {
    let id = random.digits(18);
    while (discordIds.has(id)) id = random.digits(18);
    discordIds.add(id);
    identities.push({ provider: 'discord', externalId: id, label: `${handle}${random.int(1, 99)}` });
  }
  return identities;
}

/** The demo's customers for one seed: the same seed and count always tell the same stories. */
export function customerStories(random: SeededRandom, count: number): CustomerStory[] {
  const emails = new EmailBook(random);
  const discordIds = new Set<string>();
  const stories: CustomerStory[] = [];
  for (let index = 0; index < count; index += 1) {
    const customer = demoPerson(random, emails);
    // More customers arrive later in the year, as a growing business would see.
    const signupDay = 1 + 362 * random.next() ** 0.75;
    const interests = interestsOf(random);
    const subscriptions = interests.map((interest, order) =>
      storyOf[interest](random, signupDay + (order === 0 ? random.next() / 48 : random.int(3, 60))),
    );
    stories.push({
      person: customer,
      signupDay,
      identities: identitiesOf(random, customer, interests, discordIds),
      subscriptions,
    });
  }
  return stories.sort((a, b) => a.signupDay - b.signupDay);
}
