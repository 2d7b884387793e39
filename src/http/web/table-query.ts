import { z } from 'zod';

export const pageSizes = [10, 25, 50, 100] as const;

/** The state of a list page, all in the URL so it can be bookmarked, shared and reloaded. */
export interface TableQuery {
  q: string;
  sort: string;
  dir: 'asc' | 'desc';
  page: number;
  per: number;
  filters: Record<string, string>;
}

export interface TableQuerySpec {
  sortKeys: readonly string[];
  defaultSort: string;
  defaultDir: 'asc' | 'desc';
  /** Allowed values per filter name; anything else is treated as "all". */
  filters: Record<string, readonly string[]>;
}

const base = z.object({
  q: z.string().trim().max(200).catch(''),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  per: z.coerce
    .number()
    .int()
    .refine((n) => (pageSizes as readonly number[]).includes(n))
    .catch(25),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  sort: z.string().optional().catch(undefined),
});

/** Reads list state from query parameters; malformed values fall back to defaults instead of failing. */
export function parseTableQuery(raw: unknown, spec: TableQuerySpec): TableQuery {
  const params = (raw ?? {}) as Record<string, unknown>;
  const parsed = base.parse({
    q: params['q'] ?? '',
    page: params['page'] ?? 1,
    per: params['per'] ?? 25,
    dir: params['dir'],
    sort: params['sort'],
  });
  const filters: Record<string, string> = {};
  for (const [name, allowed] of Object.entries(spec.filters)) {
    const value = params[name];
    if (typeof value === 'string' && allowed.includes(value)) filters[name] = value;
  }
  const sort = parsed.sort && spec.sortKeys.includes(parsed.sort) ? parsed.sort : spec.defaultSort;
  return {
    q: parsed.q,
    sort,
    dir: parsed.dir ?? spec.defaultDir,
    page: parsed.page,
    per: parsed.per,
    filters,
  };
}

/** The URL of the same list with some state changed. */
export function tableHref(
  basePath: string,
  query: TableQuery,
  change: Partial<Omit<TableQuery, 'filters'>>,
): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  for (const [name, value] of Object.entries(query.filters)) params.set(name, value);
  params.set('sort', next.sort);
  params.set('dir', next.dir);
  if (next.per !== 25) params.set('per', String(next.per));
  if (next.page > 1) params.set('page', String(next.page));
  return `${basePath}?${params.toString()}`;
}
