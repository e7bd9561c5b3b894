import { and, eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { type Db, rowsOf } from '../db/index.js';
import { jobs } from './schema.js';

export type JobHandler = (payload: Record<string, unknown>, job: { id: number; tenantId: string | null; attempts: number }) => Promise<void>;

export interface JobDefinition {
  name: string;
  handler: JobHandler;
}

/** Declares a kind of background work a module performs. */
export function defineJob(name: string, handler: JobHandler): JobDefinition {
  return { name, handler };
}

/** Upkeep that runs on every worker now and then: each run must be safe to repeat and to run on two processes at once. */
export interface RecurringTask {
  name: string;
  everyMs: number;
  run: (db: Db) => Promise<unknown>;
}

/** Declares upkeep the worker runs every `everyMs` (and once soon after it starts). */
export function defineRecurring(name: string, everyMs: number, run: (db: Db) => Promise<unknown>): RecurringTask {
  return { name, everyMs, run };
}

/** Finished jobs are kept a week for tracing a sent mail, failed ones three months for finding out why. */
export const jobUpkeep: RecurringTask = defineRecurring('platform.purgeOldJobs', 60 * 60 * 1000, (db) =>
  db.delete(jobs).where(sql`(done_at < now() - interval '7 days') or (failed_at < now() - interval '90 days')`),
);

/** Queues work in the caller's transaction: it runs only if the change commits. */
export async function enqueue(tx: Db, name: string, payload: Record<string, unknown>, opts: { tenantId?: string; runAt?: Date } = {}): Promise<void> {
  await tx.insert(jobs).values({ name, payload, tenantId: opts.tenantId ?? null, runAt: opts.runAt ?? new Date() });
}

interface ClaimedJob {
  id: number;
  name: string;
  payload: Record<string, unknown>;
  tenant_id: string | null;
  attempts: number;
  max_attempts: number;
}

/** Runs queued jobs: polls, claims one at a time with SKIP LOCKED, retries with backoff; runs the recurring upkeep when due. */
export class JobRunner {
  private handlers = new Map<string, JobHandler>();
  private lastRun = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private db: Db,
    definitions: JobDefinition[],
    private log: FastifyBaseLogger,
    private recurring: RecurringTask[] = [],
    private pollMs = 1000,
  ) {
    for (const d of definitions) this.handlers.set(d.name, d.handler);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Wakes the runner at once (after a request queued something). */
  poke(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.upkeep()
        .then(() => this.drain())
        .then(() => undefined)
        .catch((err) => this.log.error({ err }, 'job runner failed'))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.schedule(this.pollMs);
        });
    }, ms);
    this.timer.unref();
  }

  /** Runs each recurring task whose time has come; returns the names of those that ran. */
  async upkeep(now = Date.now()): Promise<string[]> {
    const ran: string[] = [];
    for (const task of this.recurring) {
      const last = this.lastRun.get(task.name);
      if (last !== undefined && now - last < task.everyMs) continue;
      this.lastRun.set(task.name, now);
      try {
        await task.run(this.db);
        ran.push(task.name);
      } catch (err) {
        this.log.warn({ err, task: task.name }, 'recurring task failed, will run again at its next time');
      }
    }
    return ran;
  }

  /** Runs every job that is due now; returns how many ran. Tests call it to deliver mail. */
  async drain(limit = 100): Promise<number> {
    let n = 0;
    while (n < limit) {
      const job = await this.claim();
      if (!job) break;
      n++;
      await this.runOne(job);
    }
    return n;
  }

  private async claim(): Promise<ClaimedJob | null> {
    const result = await this.db.execute(sql`
      update jobs set locked_at = now(), attempts = attempts + 1, updated_at = now()
      where id = (
        select id from jobs
        where done_at is null and failed_at is null and run_at <= now()
          and (locked_at is null or locked_at < now() - interval '5 minutes')
        order by run_at, id
        for update skip locked
        limit 1
      )
      returning id, name, payload, tenant_id, attempts, max_attempts`);
    return rowsOf<ClaimedJob>(result)[0] ?? null;
  }

  private async runOne(job: ClaimedJob): Promise<void> {
    const handler = this.handlers.get(job.name);
    try {
      if (!handler) throw new Error(`No handler for job ${job.name}`);
      await handler(job.payload, { id: Number(job.id), tenantId: job.tenant_id, attempts: job.attempts });
      await this.db
        .update(jobs)
        .set({ doneAt: new Date(), lockedAt: null, updatedAt: new Date() })
        .where(eq(jobs.id, Number(job.id)));
    } catch (err) {
      const final = job.attempts >= job.max_attempts;
      this.log.warn({ err, job: job.name, attempt: job.attempts }, final ? 'job failed for good' : 'job failed, will retry');
      const backoffSeconds = 2 ** job.attempts * 15;
      await this.db
        .update(jobs)
        .set({
          lockedAt: null,
          lastError: String((err as Error)?.message ?? err).slice(0, 2000),
          failedAt: final ? new Date() : null,
          runAt: sql`now() + make_interval(secs => ${backoffSeconds})`,
          updatedAt: new Date(),
        })
        .where(and(eq(jobs.id, Number(job.id))));
    }
  }
}
