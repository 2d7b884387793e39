import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  attributeReferral,
  customerReferrals,
  getReferralProgramme,
  listReferrals,
  referralStatuses,
  rewardKinds,
  updateReferralProgramme,
  type Referral,
  type ReferralProgramme,
} from '../../../modules/referrals/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import { actorOf } from '../../request-auth.js';
import type { AppServices } from '../../services.js';
import { cursorListSchema, cursorPageJson } from '../document-routes.js';
import { errorResponse, guardedErrors, idempotencyHeaders } from '../schemas.js';

const tierJson = z
  .object({
    months: z.number().int().describe('Plan lengths from this many months up get this tier'),
    amount: z
      .string()
      .optional()
      .describe('bonus_days: days; credits: credits; money: minor units of the programme currency'),
    couponId: z.uuid().optional().describe('coupon: the coupon given'),
  })
  .meta({ id: 'ReferralTier' });

const programmeJson = z
  .object({
    enabled: z.boolean(),
    rewardKind: z.enum(rewardKinds),
    rewardUnit: z.string().nullable().describe('credits: the credits unit; money: the currency; else null'),
    tiers: z.array(tierJson).describe('Ascending by months; the largest a plan length reaches applies'),
    updatedAt: z.string().nullable().describe('Null until first saved: the defaults are in force'),
  })
  .meta({ id: 'ReferralProgramme' });

const referralJson = z
  .object({
    id: z.uuid(),
    referrerId: z.uuid(),
    referredId: z.uuid(),
    code: z.string(),
    status: z.enum(referralStatuses),
    invoiceId: z.uuid().nullable().describe('The first paid invoice that settled it'),
    planMonths: z.number().int().nullable(),
    reward: z
      .object({ kind: z.enum(rewardKinds), description: z.string() })
      .catchall(z.unknown())
      .nullable()
      .describe('What the referrer was given'),
    reversal: z.object({ description: z.string() }).nullable().describe('What was taken back'),
    note: z.string().describe('Why a skipped referral earned nothing'),
    attributedAt: z.string(),
    settledAt: z.string().nullable(),
    reversedAt: z.string().nullable(),
  })
  .meta({ id: 'Referral' });

const iso = (date: Date | null) => date?.toISOString() ?? null;

function toProgrammeJson(programme: ReferralProgramme): z.infer<typeof programmeJson> {
  return { ...programme, updatedAt: iso(programme.updatedAt) };
}

function toReferralJson(referral: Referral): z.infer<typeof referralJson> {
  return {
    ...referral,
    attributedAt: referral.attributedAt.toISOString(),
    settledAt: iso(referral.settledAt),
    reversedAt: iso(referral.reversedAt),
  };
}

const customerParams = z.object({ id: z.string().describe('Customer id (uuid)') });

/** The referral programme's settings, the referrals, and each customer's code and referrer. */
export function registerReferralApi(parent: FastifyInstance, services: AppServices): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Referrals'];

  app.get(
    '/api/v1/referral-programme',
    {
      preHandler: requireRole('viewer'),
      schema: { tags, summary: 'The referral programme', response: { 200: programmeJson, ...guardedErrors } },
    },
    async () => toProgrammeJson(await getReferralProgramme(services.db)),
  );

  app.put(
    '/api/v1/referral-programme',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary:
          'Switch the programme on or off and set its reward: bonus days or a coupon, by tiers of plan length',
        body: z.object({
          enabled: z.boolean(),
          rewardKind: z.enum(rewardKinds),
          rewardUnit: z.string().nullish().describe('credits: the credits unit; money: the currency code'),
          tiers: z.array(
            z.object({
              months: z.union([z.number().int(), z.string()]),
              amount: z.union([z.number().int(), z.string()]).optional(),
              couponId: z.string().optional(),
            }),
          ),
        }),
        response: { 200: programmeJson, ...guardedErrors },
      },
    },
    async (request) =>
      toProgrammeJson(await updateReferralProgramme(services.referrals, request.body, actorOf(request))),
  );

  app.get(
    '/api/v1/referrals',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'List referrals, newest first',
        ...cursorListSchema(
          {
            status: z.enum(referralStatuses).optional(),
            referrer: z.string().optional().describe('Only the referrals this customer (id) made'),
          },
          referralJson,
        ),
      },
    },
    async (request) =>
      cursorPageJson(
        request.query,
        (query) => listReferrals(services.db, { ...query, referrerId: query.referrer }),
        toReferralJson,
      ),
  );

  app.get(
    '/api/v1/customers/:id/referral-code',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: "The customer's referral code and link (made on first use), and how their referrals went",
        params: customerParams,
        response: {
          200: z.object({
            code: z.string(),
            link: z.string(),
            stats: z.object({
              referred: z.number().int().describe('Customers they referred'),
              rewarded: z.number().int().describe('Of those, rewarded and not reversed'),
            }),
          }),
          404: errorResponse,
          ...guardedErrors,
        },
      },
    },
    async (request) => {
      const { code, link, stats } = await customerReferrals(services.referrals, request.params.id);
      return { code, link, stats };
    },
  );

  app.post(
    '/api/v1/customers/:id/referral',
    {
      preHandler: requireRole('support'),
      schema: {
        tags,
        summary:
          'Record who referred the customer, by their referral code: refused for the own code, loops, a customer already referred or one who has paid',
        params: customerParams,
        headers: idempotencyHeaders,
        body: z.object({ code: z.string() }),
        response: { 201: referralJson, 404: errorResponse, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      const referral = await attributeReferral(
        services.referrals,
        request.params.id,
        request.body,
        actorOf(request),
      );
      reply.code(201);
      return toReferralJson(referral);
    },
  );
}
