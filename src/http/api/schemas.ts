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

/**
 * Keyset paging for API lists: `limit` rows, then the next ones after `cursor` (the previous
 * page's `nextCursor`, sent with the same sort and filters).
 */
export const cursorQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25).describe('Rows per page, 1 to 100 (default 25)'),
  cursor: z
    .string()
    .min(1)
    .max(4000)
    .optional()
    .describe(
      'The nextCursor of the previous page, with the same sort and filters as that request; leave out for the first page',
    ),
};

/** A page of an API list: its rows and the cursor of the next page (null on the last). */
export function cursorPageOf<Item extends z.ZodType>(item: Item) {
  return z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as cursor to get the next page; null on the last page'),
  });
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

/** A query parameter in whole minor units ("-150"), as a bigint so any amount stays exact. */
export const wholeMinorUnitsQuery = z
  .string()
  .regex(/^-?\d+$/, 'must be a whole number of minor units')
  .transform((value) => BigInt(value));
