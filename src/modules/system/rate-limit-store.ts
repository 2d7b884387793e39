import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type pg from 'pg';

interface RateLimitState {
  current: number;
  ttl: number;
}

type Callback = (error: Error | null, state: RateLimitState) => void;

/** Hit numbers this instance has reserved in the shared count, and what it last saw of the total. */
interface Lease {
  next: number;
  last: number;
  knownTotal: number;
  windowEndsAt: number;
}

// One statement reserves `$3` hits for the key, starting a new window when the old one is over.
// The database's clock decides windows, so every instance agrees on them.
const reserveSql = `
INSERT INTO system_rate_limit_hits AS h (key, window_started_at, hits) VALUES ($1, now(), $3)
ON CONFLICT (key) DO UPDATE SET
  hits = CASE WHEN h.window_started_at + make_interval(secs => $2 / 1000.0) <= now() THEN $3 ELSE h.hits + $3 END,
  window_started_at = CASE WHEN h.window_started_at + make_interval(secs => $2 / 1000.0) <= now() THEN now() ELSE h.window_started_at END
RETURNING hits, GREATEST(0, $2 - EXTRACT(EPOCH FROM now() - window_started_at) * 1000)::int AS ttl`;

const readSql = `
SELECT hits, GREATEST(0, $2 - EXTRACT(EPOCH FROM now() - window_started_at) * 1000)::int AS ttl
FROM system_rate_limit_hits WHERE key = $1 AND window_started_at + make_interval(secs => $2 / 1000.0) > now()`;

const maxLeaseSize = 50;
// Forgotten leases are dropped once there are this many keys, oldest window first.
const maxLeases = 10_000;

/**
 * How many hits to reserve at once: a quarter of what seemed left, so far from the limit one
 * write serves many requests, and close to it reservations shrink to one and the count is exact.
 */
function leaseSize(max: number, knownTotal: number): number {
  return Math.max(1, Math.min(maxLeaseSize, Math.floor((max - knownTotal) / 4)));
}

/**
 * A store for @fastify/rate-limit whose counts live in PostgreSQL, so every instance shares one
 * limit. Writing on every request would make the busiest pages pay a write each; instead an
 * instance reserves a few hit numbers at a time and hands them out locally. A reserved number
 * counts even if it is never used, so the limit errs towards strict, never towards lenient.
 */
export function createRateLimitStore(pool: pg.Pool) {
  return class PostgresRateLimitStore {
    readonly #prefix: string;
    readonly #leases = new Map<string, Lease>();

    // The plugin constructs the store with its options (unused here); children pass a key prefix.
    constructor(_options?: unknown, prefix = '') {
      this.#prefix = prefix;
    }

    incr(key: string, callback: Callback, timeWindow: number, max: number): void {
      const now = performance.now();
      const lease = this.#leases.get(key);
      if (lease && now < lease.windowEndsAt) {
        const ttl = Math.round(lease.windowEndsAt - now);
        if (lease.next <= lease.last) return callback(null, { current: lease.next++, ttl });
        // Over the limit already in this window: the count only grows until the window ends.
        if (lease.knownTotal >= max) return callback(null, { current: ++lease.knownTotal, ttl });
      }
      const size = leaseSize(max, lease && now < lease.windowEndsAt ? lease.knownTotal : 0);
      pool
        .query<{ hits: number; ttl: number }>({
          name: 'rate-limit-reserve',
          text: reserveSql,
          values: [this.#prefix + key, timeWindow, size],
        })
        .then(
          (result) => {
            const total = result.rows[0]?.hits ?? size;
            const ttl = result.rows[0]?.ttl ?? timeWindow;
            const first = total - size + 1;
            this.#remember(key, {
              next: first + 1,
              last: total,
              knownTotal: total,
              windowEndsAt: performance.now() + ttl,
            });
            callback(null, { current: first, ttl });
          },
          (error: Error) => callback(error, { current: 0, ttl: 0 }),
        );
    }

    read(key: string, callback: Callback, timeWindow: number): void {
      pool
        .query<{ hits: number; ttl: number }>({
          name: 'rate-limit-read',
          text: readSql,
          values: [this.#prefix + key, timeWindow],
        })
        .then(
          (result) => callback(null, { current: result.rows[0]?.hits ?? 0, ttl: result.rows[0]?.ttl ?? 0 }),
          (error: Error) => callback(error, { current: 0, ttl: 0 }),
        );
    }

    /** Routes with their own limit count separately (their key is prefixed with the route). */
    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): PostgresRateLimitStore {
      // At run time the plugin passes its merged options, which carry the route as `routeInfo`.
      const route =
        (routeOptions as unknown as { routeInfo?: { method?: string; url?: string } }).routeInfo ?? {};
      return new PostgresRateLimitStore(
        undefined,
        `${this.#prefix}${String(route.method ?? '')} ${route.url ?? ''}:`,
      );
    }

    #remember(key: string, lease: Lease): void {
      this.#leases.delete(key);
      this.#leases.set(key, lease);
      if (this.#leases.size > maxLeases) {
        const oldest = this.#leases.keys().next().value;
        if (oldest !== undefined) this.#leases.delete(oldest);
      }
    }
  };
}
