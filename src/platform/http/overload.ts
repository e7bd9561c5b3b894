import { getHeapStatistics } from 'node:v8';
import underPressure, { type FastifyUnderPressureOptions } from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/index.js';

/** What a shed request reads: one small page in both languages, made without the database or a template. */
const BUSY_PAGE = `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Tjänsten är hårt belastad</title></head>
<body><main><h1>Tjänsten är hårt belastad just nu</h1><p>Försök igen om en liten stund. Det du skrev har inte sparats.</p>
<h2 lang="en">The service is very busy right now</h2><p lang="en">Please try again in a moment. What you sent has not been saved.</p></main></body></html>`;

/** How often the database queue is looked at (ms); it counts as full when two looks in a row find it so. */
const QUEUE_SAMPLE_MS = 100;

/**
 * Sheds load before it piles up: while the process's mean event-loop delay or its heap is past
 * its threshold, or more queries than the threshold wait for a database connection, a new
 * request is answered at once with 503 and Retry-After (a page in both languages, no database
 * work), instead of waiting in a queue that makes every answer late. The event loop shows work
 * piling up in the process (and in PGlite, which runs on it); the pool's queue shows it piling up
 * in front of a PostgreSQL server, where the loop stays idle while requests wait. The load
 * balancer's addresses (/healthz, /readyz, with ALWAYS_ANSWERED) are always answered.
 */
export async function registerOverload(app: FastifyInstance, config: Config, database: Database): Promise<void> {
  const { eventLoopDelayMs, heapPercent, dbQueue, retryAfterSeconds } = config.overload;
  const heapLimit = getHeapStatistics().heap_size_limit;
  let queueWasFull = false;
  const queue =
    dbQueue > 0
      ? {
          healthCheckInterval: QUEUE_SAMPLE_MS,
          healthCheck: async () => {
            const full = database.waiting() > dbQueue;
            const healthy = !(full && queueWasFull);
            queueWasFull = full;
            return healthy;
          },
        }
      : {};
  await app.register(underPressure, {
    ...queue,
    maxEventLoopDelay: eventLoopDelayMs,
    maxHeapUsedBytes: heapPercent > 0 ? Math.floor((heapLimit * heapPercent) / 100) : 0,
    retryAfter: retryAfterSeconds,
    sampleInterval: 250,
    // The plugin sends what a handler returns (its types say void, its code sends a value): one response, no hooks after it.
    pressureHandler: ((req: FastifyRequest, reply: FastifyReply, type: string, value: number | undefined) => {
      req.log.warn({ type, value }, 'shedding load');
      reply.code(503).header('retry-after', String(retryAfterSeconds)).header('cache-control', 'no-store').type('text/html; charset=utf-8');
      return BUSY_PAGE;
    }) as unknown as FastifyUnderPressureOptions['pressureHandler'],
  });
}

/** Route options for an address that is always answered, however loaded the process (health checks). */
export const ALWAYS_ANSWERED = { config: { pressureHandler: () => undefined } } as const;
