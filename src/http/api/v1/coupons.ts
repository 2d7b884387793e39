import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { redeemCouponForCustomer } from '../../../flows/redeem-coupon-for-customer.js';
import {
  archiveCoupon,
  couponDurations,
  couponSortKeys,
  couponStatuses,
  createCoupon,
  createPromotionCode,
  deactivatePromotionCode,
  getCoupon,
  listCoupons,
  updateCoupon,
} from '../../../modules/discounts/index.js';
import { discountsContextOf } from '../../discounts-context.js';
import { requireRole } from '../../plugins/auth-guard.js';
import { actorOf } from '../../request-auth.js';
import type { AppServices } from '../../services.js';
import { cursorPageOf, cursorQuery, errorResponse, guardedErrors, idempotencyHeaders } from '../schemas.js';
import {
  couponDetailJson,
  couponJson,
  promotionCodeJson,
  redemptionJson,
  toCouponDetailJson,
  toCouponJson,
  toPromotionCodeJson,
  toRedemptionJson,
} from './coupon-json.js';

const idParams = z.object({ id: z.string().describe('Coupon id (uuid)') });
const limitBody = (what: string) =>
  z.number().int().nullable().optional().describe(`${what}; null: no limit`);
const instantBody = z.string().nullable().optional().describe('ISO 8601 instant, e.g. 2027-03-01T00:00:00Z');

/**
 * /api/v1/coupons and /api/v1/promotion-codes: discounts, the codes that grant them, and
 * redeeming one for a customer.
 */
export function registerCouponApi(parent: FastifyInstance, services: AppServices): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Discounts'];
  const discounts = discountsContextOf(services);

  app.get(
    '/api/v1/coupons',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'List coupons',
        querystring: z.object({
          q: z.string().max(200).optional().describe('Matches the name'),
          status: z
            .enum(couponStatuses)
            .optional()
            .describe('active: on offer; expired: past its window; archived'),
          sort: z.enum(couponSortKeys).default('createdAt'),
          dir: z.enum(['asc', 'desc']).default('desc'),
          ...cursorQuery,
        }),
        response: { 200: cursorPageOf(couponJson), ...guardedErrors },
      },
    },
    async (request) => {
      const { q, status, sort, dir, cursor, limit } = request.query;
      const result = await listCoupons(services.db, {
        search: q,
        status,
        at: services.clock.now(),
        sort,
        direction: dir,
        cursor,
        limit,
      });
      return { data: result.rows.map(toCouponJson), nextCursor: result.nextCursor };
    },
  );

  app.post(
    '/api/v1/coupons',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary: 'Create a coupon: a percentage or fixed amounts per currency off',
        headers: idempotencyHeaders,
        body: z.object({
          name: z.string(),
          percentOff: z
            .union([z.number(), z.string()])
            .nullable()
            .optional()
            .describe('e.g. 20 or "12.5" (at most 4 decimals); or amountsOff, not both'),
          amountsOff: z
            .array(z.object({ currency: z.string(), amount: z.number().int().describe('Minor units') }))
            .nullable()
            .optional(),
          duration: z.enum(couponDurations),
          durationPeriods: z.number().int().nullable().optional().describe('Required for repeating'),
          planIds: z.array(z.string()).optional().describe('Only for these plans; leave out for any plan'),
          maxRedemptions: limitBody('Redemptions in all'),
          perCustomerLimit: limitBody('Redemptions per customer'),
          firstTimeOnly: z.boolean().optional(),
          validFrom: instantBody,
          validUntil: instantBody,
        }),
        response: { 201: couponJson, ...guardedErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return toCouponJson(await createCoupon(discounts, request.body, actorOf(request)));
    },
  );

  app.get(
    '/api/v1/coupons/:id',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'A coupon with its promotion codes',
        params: idParams,
        response: { 200: couponDetailJson, 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) => toCouponDetailJson(await getCoupon(services.db, request.params.id)),
  );

  app.patch(
    '/api/v1/coupons/:id',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary:
          'Change a coupon’s name, window or limits (what it takes off is fixed), archive or restore it',
        params: idParams,
        body: z.object({
          name: z.string().optional(),
          validFrom: instantBody,
          validUntil: instantBody,
          maxRedemptions: limitBody('Redemptions in all'),
          perCustomerLimit: limitBody('Redemptions per customer'),
          archived: z.boolean().optional(),
        }),
        response: { 200: couponJson, 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) => {
      const { archived, ...fields } = request.body;
      const actor = actorOf(request);
      let coupon = await updateCoupon(discounts, request.params.id, fields, actor);
      if (archived !== undefined) coupon = await archiveCoupon(discounts, request.params.id, archived, actor);
      return toCouponJson(coupon);
    },
  );

  app.post(
    '/api/v1/coupons/:id/archive',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary: 'Archive a coupon: no new redemptions; those made keep applying',
        params: idParams,
        headers: idempotencyHeaders,
        response: { 200: couponJson, 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) =>
      toCouponJson(await archiveCoupon(discounts, request.params.id, true, actorOf(request))),
  );

  app.get(
    '/api/v1/coupons/:id/promotion-codes',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'The promotion codes of a coupon',
        params: idParams,
        response: {
          200: z.object({ data: z.array(promotionCodeJson) }),
          404: errorResponse,
          ...guardedErrors,
        },
      },
    },
    async (request) => ({
      data: (await getCoupon(services.db, request.params.id)).promotionCodes.map(toPromotionCodeJson),
    }),
  );

  app.post(
    '/api/v1/coupons/:id/promotion-codes',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary: 'Add a promotion code customers can type to get this coupon',
        params: idParams,
        headers: idempotencyHeaders,
        body: z.object({
          code: z.string().describe('3–40 letters, digits, - or _; unique, case does not matter'),
          maxRedemptions: limitBody('Redemptions of this code in all'),
          perCustomerLimit: limitBody('Redemptions of this code per customer'),
          firstTimeOnly: z.boolean().optional(),
          expiresAt: instantBody,
          active: z.boolean().optional(),
        }),
        response: { 201: promotionCodeJson, 404: errorResponse, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return toPromotionCodeJson(
        await createPromotionCode(discounts, request.params.id, request.body, actorOf(request)),
      );
    },
  );

  app.post(
    '/api/v1/promotion-codes/:id/deactivate',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary: 'Stop a promotion code from being redeemed',
        params: z.object({ id: z.string().describe('Promotion code id (uuid)') }),
        headers: idempotencyHeaders,
        response: { 200: promotionCodeJson, 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) =>
      toPromotionCodeJson(await deactivatePromotionCode(discounts, request.params.id, actorOf(request))),
  );

  app.post(
    '/api/v1/customers/:id/redemptions',
    {
      preHandler: requireRole('support'),
      schema: {
        tags,
        summary:
          'Redeem a promotion code or coupon for a customer (422 names the field and why on any refusal)',
        params: z.object({ id: z.string().describe('Customer id (uuid)') }),
        headers: idempotencyHeaders,
        body: z.object({
          code: z.string().optional().describe('A promotion code; or couponId'),
          couponId: z.string().optional(),
          subscriptionId: z
            .string()
            .optional()
            .describe('The subscription it discounts; leave out for the customer’s next invoice'),
        }),
        response: { 201: redemptionJson, 404: errorResponse, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return toRedemptionJson(
        await redeemCouponForCustomer(discounts, request.params.id, request.body, actorOf(request)),
      );
    },
  );
}
