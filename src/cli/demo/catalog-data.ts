import type { ProductKind } from '../../modules/catalog/index.js';

/** One amount per currency the demo's customers pay in, in minor units (cents, pence). */
export type DemoAmounts = Record<'USD' | 'EUR' | 'GBP', number>;

export type DemoIntervalUnit = 'day' | 'week' | 'month' | 'year';

export interface DemoPlan {
  code: string;
  name: string;
  intervalUnit: DemoIntervalUnit | 'one_time';
  intervalCount: number;
  trialDays?: number;
  entitlementKeys: string[];
  credits?: { perPeriod: number; unit: string };
  amounts: DemoAmounts;
}

export interface DemoAddon {
  code: string;
  name: string;
  description: string;
  optionGroup?: string;
  maxQuantity?: number;
  entitlementKeys?: string[];
  prices: { intervalUnit: DemoIntervalUnit; intervalCount: number; amounts: DemoAmounts }[];
}

export interface DemoProduct {
  name: string;
  description: string;
  kind: ProductKind;
  plans: DemoPlan[];
  addons: DemoAddon[];
}

const monthly = (amounts: DemoAmounts) => ({ intervalUnit: 'month' as const, intervalCount: 1, amounts });
const quarterly = (amounts: DemoAmounts) => ({ intervalUnit: 'month' as const, intervalCount: 3, amounts });

/** What the demo sells: one product for each kind of operator Tollgate is for. */
export const demoCatalog: DemoProduct[] = [
  {
    name: 'Plex – Movies & TV',
    description: 'Membership of a private Plex server: the movie and TV libraries, streamed anywhere.',
    kind: 'membership',
    plans: [
      {
        code: 'plex-1-month',
        name: '1 month',
        intervalUnit: 'month',
        intervalCount: 1,
        trialDays: 7,
        entitlementKeys: ['plex:movies', 'plex:tv'],
        amounts: { USD: 1200, EUR: 1100, GBP: 1000 },
      },
      {
        code: 'plex-3-months',
        name: '3 months',
        intervalUnit: 'month',
        intervalCount: 3,
        entitlementKeys: ['plex:movies', 'plex:tv'],
        amounts: { USD: 3300, EUR: 3000, GBP: 2700 },
      },
      {
        code: 'plex-6-months',
        name: '6 months',
        intervalUnit: 'month',
        intervalCount: 6,
        entitlementKeys: ['plex:movies', 'plex:tv'],
        amounts: { USD: 6000, EUR: 5500, GBP: 4900 },
      },
      {
        code: 'plex-12-months',
        name: '12 months',
        intervalUnit: 'year',
        intervalCount: 1,
        entitlementKeys: ['plex:movies', 'plex:tv'],
        amounts: { USD: 11000, EUR: 9900, GBP: 8900 },
      },
    ],
    addons: [
      {
        code: 'plex-extra-stream',
        name: 'Extra stream',
        description: 'One more simultaneous stream.',
        maxQuantity: 4,
        entitlementKeys: ['plex:extra-stream'],
        prices: [
          monthly({ USD: 300, EUR: 280, GBP: 250 }),
          quarterly({ USD: 800, EUR: 750, GBP: 650 }),
          { intervalUnit: 'month', intervalCount: 6, amounts: { USD: 1500, EUR: 1400, GBP: 1200 } },
          { intervalUnit: 'year', intervalCount: 1, amounts: { USD: 2800, EUR: 2600, GBP: 2200 } },
        ],
      },
    ],
  },
  {
    name: 'Night Owls Discord',
    description: 'Supporter tiers of the Night Owls Discord community: roles, private channels, events.',
    kind: 'membership',
    plans: [
      {
        code: 'discord-supporter-monthly',
        name: 'Supporter (monthly)',
        intervalUnit: 'month',
        intervalCount: 1,
        entitlementKeys: ['discord:supporter'],
        amounts: { USD: 500, EUR: 450, GBP: 400 },
      },
      {
        code: 'discord-supporter-yearly',
        name: 'Supporter (yearly)',
        intervalUnit: 'year',
        intervalCount: 1,
        entitlementKeys: ['discord:supporter'],
        amounts: { USD: 5000, EUR: 4500, GBP: 4000 },
      },
      {
        code: 'discord-vip-monthly',
        name: 'VIP (monthly)',
        intervalUnit: 'month',
        intervalCount: 1,
        entitlementKeys: ['discord:supporter', 'discord:vip'],
        amounts: { USD: 1500, EUR: 1400, GBP: 1200 },
      },
      {
        code: 'discord-vip-yearly',
        name: 'VIP (yearly)',
        intervalUnit: 'year',
        intervalCount: 1,
        entitlementKeys: ['discord:supporter', 'discord:vip'],
        amounts: { USD: 15000, EUR: 14000, GBP: 12000 },
      },
    ],
    addons: [],
  },
  {
    name: 'Pixelforge API',
    description: 'Image generation API billed in credits; unused credits expire with the period.',
    kind: 'credits',
    plans: [
      {
        code: 'pixelforge-starter',
        name: 'Starter',
        intervalUnit: 'month',
        intervalCount: 1,
        entitlementKeys: ['pixelforge:api'],
        credits: { perPeriod: 1000, unit: 'credits' },
        amounts: { USD: 1900, EUR: 1800, GBP: 1600 },
      },
      {
        code: 'pixelforge-pro',
        name: 'Pro',
        intervalUnit: 'month',
        intervalCount: 1,
        trialDays: 14,
        entitlementKeys: ['pixelforge:api', 'pixelforge:priority'],
        credits: { perPeriod: 10_000, unit: 'credits' },
        amounts: { USD: 9900, EUR: 9200, GBP: 8200 },
      },
    ],
    addons: [],
  },
  {
    name: 'Pixelforge credit pack',
    description: 'Credits bought once, on top of a plan; they do not expire.',
    kind: 'one_time',
    plans: [
      {
        code: 'pixelforge-pack-5000',
        name: '5,000 credits',
        intervalUnit: 'one_time',
        intervalCount: 1,
        entitlementKeys: [],
        credits: { perPeriod: 5000, unit: 'credits' },
        amounts: { USD: 4900, EUR: 4500, GBP: 4000 },
      },
    ],
    addons: [],
  },
  {
    name: 'Game server',
    description: 'A managed game server (Minecraft, Valheim, Palworld …) with configurable memory.',
    kind: 'service',
    plans: [
      {
        code: 'game-server-monthly',
        name: 'Monthly',
        intervalUnit: 'month',
        intervalCount: 1,
        entitlementKeys: ['hosting:game-server'],
        amounts: { USD: 1500, EUR: 1400, GBP: 1200 },
      },
      {
        code: 'game-server-quarterly',
        name: 'Quarterly',
        intervalUnit: 'month',
        intervalCount: 3,
        entitlementKeys: ['hosting:game-server'],
        amounts: { USD: 4200, EUR: 3900, GBP: 3400 },
      },
    ],
    addons: [
      ...(
        [
          ['ram-4gb', '+4 GB RAM', { USD: 500, EUR: 450, GBP: 400 }, { USD: 1350, EUR: 1200, GBP: 1050 }],
          ['ram-8gb', '+8 GB RAM', { USD: 900, EUR: 800, GBP: 700 }, { USD: 2400, EUR: 2150, GBP: 1900 }],
          [
            'ram-16gb',
            '+16 GB RAM',
            { USD: 1600, EUR: 1450, GBP: 1300 },
            { USD: 4300, EUR: 3900, GBP: 3500 },
          ],
        ] as const
      ).map(([code, name, month, quarter]) => ({
        code,
        name,
        description: `${name.slice(1)} on top of the base 4 GB.`,
        optionGroup: 'RAM',
        prices: [monthly(month), quarterly(quarter)],
      })),
      {
        code: 'daily-backups',
        name: 'Daily backups',
        description: 'A snapshot every night, kept for 14 days.',
        entitlementKeys: ['hosting:backups'],
        prices: [monthly({ USD: 300, EUR: 280, GBP: 250 }), quarterly({ USD: 800, EUR: 750, GBP: 650 })],
      },
    ],
  },
];

/** A price rise the demo year goes through: new members pay more, members keep the price they bought. */
export const demoPriceRise = {
  day: 240,
  planCode: 'plex-1-month',
  amounts: { USD: 1300, EUR: 1200, GBP: 1100 } satisfies DemoAmounts,
};
