/**
 * A soak: a steady mix of pages for a while, memory sampled after a full collection every few
 * seconds. `npm run soak -- --minutes 60` for an hour; the test suite runs a short one.
 */
import autocannon from 'autocannon';
import { exited, startService } from '../test/helpers/process.js';

export interface SoakResult {
  samples: { at: number; heapUsedMb: number; rssMb: number }[];
  requests: number;
  errors: number;
  /** Live heap at the end minus at the start (medians of the first and last third, after warm-up). */
  growthMb: number;
  startMb: number;
}

const PATHS = [
  '/',
  '/organisationer',
  '/organisationer?q=f%C3%B6rening',
  '/orter/fristad',
  '/omraden/norrby',
  '/organisationer/framtid-fristad',
  '/tillganglighet',
  '/finns-inte',
  '/ortsrad',
  '/ortsrad/fristad',
  '/kalender',
  '/kalender?typ=political',
  '/kalender.ics',
  '/ortsrad/fristad/kalender.ics',
  '/motesplatser/fristads-bibliotek',
];

/** Runs the service under a steady load for `seconds` and samples its memory. */
export async function soak(seconds: number, env: Record<string, string>, rate = 100): Promise<SoakResult> {
  const app = await startService({ ...env, BENCH_METRICS: '1', RATE_LIMIT_AUTH_PER_MINUTE: '100000' }, ['--expose-gc']);
  const samples: SoakResult['samples'] = [];
  const started = Date.now();
  const sample = async () => {
    const m = (await (await fetch(`${app.url}/__bench/metrics?gc=1`)).json()) as { heapUsedMb: number; rssMb: number };
    samples.push({ at: Math.round((Date.now() - started) / 1000), heapUsedMb: m.heapUsedMb, rssMb: m.rssMb });
  };
  const timer = setInterval(() => void sample(), Math.max(2000, (seconds * 1000) / 30));
  try {
    const result = await autocannon({
      url: app.url,
      connections: 8,
      overallRate: rate,
      duration: seconds,
      requests: PATHS.map((path) => ({ method: 'GET', path })),
    });
    clearInterval(timer);
    await sample();
    const after = samples.filter((s) => s.at >= seconds * 0.2);
    const third = Math.max(1, Math.floor(after.length / 3));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const startMb = median(after.slice(0, third).map((s) => s.heapUsedMb));
    const endMb = median(after.slice(-third).map((s) => s.heapUsedMb));
    return { samples, requests: result.requests.total, errors: result.errors + result.timeouts, growthMb: endMb - startMb, startMb };
  } finally {
    clearInterval(timer);
    app.child.kill('SIGTERM');
    await exited(app.child);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseArgs } = await import('node:util');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '60' }, rate: { type: 'string', default: '100' } } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motesplats-soak-'));
  const env: Record<string, string> = process.env.DATABASE_URL ? {} : { DATA_DIR: dir };
  const r = await soak(Number(values.minutes) * 60, env, Number(values.rate));
  console.log(JSON.stringify(r, null, 2));
  console.log(
    `${r.requests} requests, ${r.errors} errors; live heap ${r.startMb} MB → ${r.startMb + r.growthMb} MB (${r.growthMb >= 0 ? '+' : ''}${r.growthMb} MB)`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}
