import { z } from 'zod';
import { cursorPageOf, cursorQuery, errorResponse, guardedErrors } from './schemas.js';

/*
 * Route pieces shared by the API of the billing documents (invoices, credit notes): a filtered
 * list with cursor paging, its CSV export, one document with its lines, and its PDF. Those routes
 * were written twice to the letter; built here, the two documents' routes and their part of the
 * OpenAPI document stay in step, and a list and its export always take the very same filters.
 */

/** Schema of a GET list: the list's filters with cursor paging, answering a page of `item`. */
export function cursorListSchema<Filters extends z.ZodRawShape, Item extends z.ZodType>(
  filters: Filters,
  item: Item,
) {
  return {
    querystring: z.object({ ...filters, ...cursorQuery }),
    response: { 200: cursorPageOf(item), ...guardedErrors },
  };
}

/** Schema of a list's CSV export: the same filters as the list, without paging. */
export function csvExportSchema<Filters extends z.ZodRawShape>(filters: Filters) {
  return {
    querystring: z.object(filters),
    produces: ['text/csv'],
    response: guardedErrors,
  };
}

/** Schema of one document read by id, with its lines: a 404 when there is no such document. */
export function withLinesSchema<
  Params extends z.ZodType,
  Shape extends z.ZodRawShape,
  Line extends z.ZodType,
>(params: Params, item: z.ZodObject<Shape>, line: Line) {
  return {
    params,
    response: {
      200: item.extend({ lines: z.array(line) }),
      404: errorResponse,
      ...guardedErrors,
    },
  };
}

/** Schema of a document's PDF download, by id: a 404 when there is no such document. */
export function pdfDownloadSchema<Params extends z.ZodType>(params: Params) {
  return {
    params,
    produces: ['application/pdf'],
    response: { 404: errorResponse, ...guardedErrors },
  };
}

/**
 * One page of a list as JSON: `list` gets the query (its filters with cursor and limit) as it
 * came, and its rows go out through `toJson` with the cursor of the next page.
 */
export async function cursorPageJson<Query, Row, Json>(
  query: Query,
  list: (query: Query) => Promise<{ rows: Row[]; nextCursor: string | null }>,
  toJson: (row: Row) => Json,
) {
  const page = await list(query);
  return { data: page.rows.map(toJson), nextCursor: page.nextCursor };
}
