import type pg from 'pg';

interface RateLimitState {
  current: number;
  ttl: number;
}

type Callback = (error: Error | null, state: RateLimitState) => void;

// One statement counts the hit and starts a new window when the old one is over; the database's
// own clock decides, so every instance agrees on the window.
const incrementSql = `
INSERT INTO system_rate_limit_hits AS h (key, window_started_at, hits) VALUES ($1, now(), 1)
ON CONFLICT (key) DO UPDATE SET
  hits = CASE WHEN h.window_started_at + make_interval(secs => $2 / 1000.0) <= now() THEN 1 ELSE h.hits + 1 END,
  window_started_at = CASE WHEN h.window_started_at + make_interval(secs => $2 / 1000.0) <= now() THEN now() ELSE h.window_started_at END
RETURNING hits, GREATEST(0, $2 - EXTRACT(EPOCH FROM now() - window_started_at) * 1000)::int AS ttl`;

const readSql = `
SELECT hits, GREATEST(0, $2 - EXTRACT(EPOCH FROM now() - window_started_at) * 1000)::int AS ttl
FROM system_rate_limit_hits WHERE key = $1 AND window_started_at + make_interval(secs => $2 / 1000.0) > now()`;

// Named statements are parsed and planned once per connection: this runs on nearly every request.

/** A store for @fastify/rate-limit that keeps counts in PostgreSQL, so several instances share one limit. */
export function createRateLimitStore(pool: pg.Pool) {
  return class PostgresRateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number): void {
      pool
        .query<{ hits: number; ttl: number }>({
          name: 'rate-limit-increment',
          text: incrementSql,
          values: [key, timeWindow],
        })
        .then(
          (result) =>
            callback(null, { current: result.rows[0]?.hits ?? 1, ttl: result.rows[0]?.ttl ?? timeWindow }),
          (error: Error) => callback(error, { current: 0, ttl: 0 }),
        );
    }

    read(key: string, callback: Callback, timeWindow: number): void {
      pool
        .query<{ hits: number; ttl: number }>({
          name: 'rate-limit-read',
          text: readSql,
          values: [key, timeWindow],
        })
        .then(
          (result) => callback(null, { current: result.rows[0]?.hits ?? 0, ttl: result.rows[0]?.ttl ?? 0 }),
          (error: Error) => callback(error, { current: 0, ttl: 0 }),
        );
    }

    child(): PostgresRateLimitStore {
      return new PostgresRateLimitStore();
    }
  };
}
