import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { ALWAYS_ANSWERED } from './overload.js';

/**
 * Event-loop delay and memory for the load benchmark; mounted only when BENCH_METRICS=1.
 * Each read returns the figures since the previous read.
 */
export function registerBenchMetrics(app: FastifyInstance): void {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  // Answered however loaded the process is: the benchmark reads it right after driving it past capacity.
  app.get('/__bench/metrics', ALWAYS_ANSWERED, async (req) => {
    // With --expose-gc, ?gc=1 collects first, so the soak test compares live memory, not garbage.
    const gc = (globalThis as { gc?: () => void }).gc;
    if ((req.query as { gc?: string }).gc === '1' && gc) gc();
    const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100;
    const m = process.memoryUsage();
    const out = {
      eventLoopDelay: { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) },
      rssMb: Math.round(m.rss / 1048576),
      heapUsedMb: Math.round(m.heapUsed / 1048576),
    };
    h.reset();
    return out;
  });
}
