import { z } from 'zod';

/** The error shape every API route may answer with. */
export const errorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1).describe('Page number, from 1'),
  per: z.coerce.number().int().min(1).max(100).default(25).describe('Rows per page, at most 100'),
};

export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({ data: z.array(item), page: z.number(), per: z.number(), total: z.number() });
}

/** Standard error responses for a guarded route, so the OpenAPI document lists them. */
export const guardedErrors = {
  401: errorResponse,
  403: errorResponse,
  422: errorResponse,
  429: errorResponse,
};

/** The Idempotency-Key header every API POST accepts (see http/plugins/idempotency.ts). */
export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .describe(
      'Any unique string (e.g. a UUID). A repeat with the same key within 24 hours returns the first answer and changes nothing.',
    ),
});
