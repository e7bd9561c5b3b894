import { lt, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/index.js';
import { defineRecurring, type RecurringTask } from '../jobs/index.js';
import { rateLimits } from './schema.js';

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;

/**
 * A store for @fastify/rate-limit that counts in PostgreSQL, so several instances behind a load
 * balancer share one count per address instead of each allowing the limit. One statement per
 * attempt: the counter is created, restarted when its window has passed, or increased.
 */
export class PgRateLimitStore {
  constructor(
    private db: Db,
    private prefix = '',
  ) {}

  /** The store class the plugin constructs, bound to a database. */
  static for(db: Db) {
    return class extends PgRateLimitStore {
      constructor() {
        super(db);
      }
    };
  }

  incr(key: string, cb: Callback, timeWindow: number): void {
    const full = `${this.prefix}${key}`;
    const windowMs = Math.max(1, Math.round(timeWindow));
    this.db
      .execute(
        sql`insert into rate_limits (key, hits, resets_at) values (${full}, 1, now() + ${windowMs} * interval '1 millisecond')
          on conflict (key) do update set
            hits = case when rate_limits.resets_at <= now() then 1 else rate_limits.hits + 1 end,
            resets_at = case when rate_limits.resets_at <= now() then excluded.resets_at else rate_limits.resets_at end
          returning hits, greatest(0, extract(epoch from (resets_at - now())) * 1000)::float8 as ttl`,
      )
      .then((result) => {
        const row = rowsOf<{ hits: number; ttl: number }>(result)[0];
        cb(null, { current: Number(row?.hits ?? 1), ttl: Math.ceil(Number(row?.ttl ?? windowMs)) });
      }, cb);
  }

  read(key: string, cb: Callback): void {
    const full = `${this.prefix}${key}`;
    this.db
      .execute(
        sql`select hits, greatest(0, extract(epoch from (resets_at - now())) * 1000)::float8 as ttl from rate_limits where key = ${full} and resets_at > now()`,
      )
      .then((result) => {
        const row = rowsOf<{ hits: number; ttl: number }>(result)[0];
        cb(null, { current: Number(row?.hits ?? 0), ttl: Math.ceil(Number(row?.ttl ?? 0)) });
      }, cb);
  }

  /** Each rate-limited route counts on its own. */
  child(routeOptions: object): PgRateLimitStore {
    const r = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo ?? {};
    return new PgRateLimitStore(this.db, `${this.prefix}${String(r.method ?? '')} ${r.url ?? ''}|`);
  }
}

/** Removes counters whose window has passed. */
export async function purgeRateLimits(db: Db): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.resetsAt, sql`now() - interval '1 minute'`));
}

/** The worker's removal of expired rate-limit counters, every ten minutes. */
export const rateLimitUpkeep: RecurringTask = defineRecurring('platform.purgeRateLimits', 10 * 60 * 1000, purgeRateLimits);
