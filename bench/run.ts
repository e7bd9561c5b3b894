/**
 * npm run bench [-- --scale 1 --duration 10 --engines pglite,postgres --rates 50,100,200,400 --only feed]
 *
 * Starts the app on generated data, on PGlite and on PostgreSQL in turn, and drives a mix of
 * pages and form posts (anonymous and signed in, with real sessions and CSRF tokens) with
 * autocannon at fixed rates and at saturation. Beside each page, a bare node:http server answers
 * the same bytes, so each page's throughput is also given as a fraction of that limit.
 * Writes bench/results/<date>.json and .md, and bench/results/latest.md.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase, rowsOf } from '../src/platform/db/index.js';
import { notifyFollowers } from '../src/platform/notifications/index.js';
import { PER_SCALE, SCALE_PASSWORD } from './generate.js';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    duration: { type: 'string', default: '10' },
    engines: { type: 'string', default: 'pglite,postgres' },
    rates: { type: 'string', default: '50,100,200,400' },
    connections: { type: 'string', default: '16' },
    /** Only the scenarios whose name or path contains this text (a quick look while profiling). */
    only: { type: 'string' },
    /** Writes the Markdown summary of an earlier run's JSON again, without running anything. */
    summary: { type: 'string' },
  },
});
if (values.summary) {
  const file = path.resolve(values.summary);
  const { meta: m, results: rs, fanOuts: fo, ramps: rp } = JSON.parse(fs.readFileSync(file, 'utf8'));
  fs.writeFileSync(file.replace(/\.json$/, '.md'), summary(m, rs, fo ?? [], rp ?? []));
  process.stdout.write(`Wrote ${file.replace(/\.json$/, '.md')}\n`);
  process.exit(0);
}
const scale = Number(values.scale);
const duration = Number(values.duration);
const rates = String(values.rates).split(',').map(Number);
const connections = Number(values.connections);
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dataRoot = path.join(root, 'bench', '.data');

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  as: 'visitor' | 'resident' | 'admin' | 'handler';
  public: boolean;
  body?: (csrf: string) => string;
  /** The page whose form a POST comes from (its CSRF token), when it is not `path`. */
  from?: string;
}

const SCENARIOS: Scenario[] = [
  { name: 'start page', method: 'GET', path: '/', as: 'visitor', public: true },
  { name: 'locality page', method: 'GET', path: '/orter/fristad', as: 'visitor', public: true },
  { name: 'organisation register', method: 'GET', path: '/organisationer', as: 'visitor', public: true },
  { name: 'register search', method: 'GET', path: '/organisationer?q=idrottsf%C3%B6rening', as: 'visitor', public: true },
  { name: 'organisation page', method: 'GET', path: '/organisationer/skala-17', as: 'visitor', public: true },
  { name: 'councils', method: 'GET', path: '/ortsrad', as: 'visitor', public: true },
  { name: 'council page', method: 'GET', path: '/ortsrad/fristad', as: 'visitor', public: true },
  { name: 'calendar', method: 'GET', path: '/kalender', as: 'visitor', public: true },
  { name: 'calendar of a council', method: 'GET', path: '/kalender?ortsrad=fristad&fran=2026-01-01', as: 'visitor', public: true },
  { name: 'meeting page', method: 'GET', path: '/moten/{upcoming}', as: 'visitor', public: true },
  { name: 'minutes', method: 'GET', path: '/moten/{minutes}/protokoll', as: 'visitor', public: true },
  { name: 'council feed (iCalendar)', method: 'GET', path: '/ortsrad/fristad/kalender.ics', as: 'visitor', public: true },
  { name: 'meeting places', method: 'GET', path: '/motesplatser', as: 'visitor', public: true },
  { name: 'accessibility statement', method: 'GET', path: '/tillganglighet', as: 'visitor', public: true },
  { name: 'question register', method: 'GET', path: '/diarium', as: 'visitor', public: true },
  { name: 'question register search', method: 'GET', path: '/diarium?q=gatlykta', as: 'visitor', public: true },
  { name: 'question page', method: 'GET', path: '/fragor/2026-tf0100', as: 'visitor', public: true },
  { name: 'knowledge base search', method: 'GET', path: '/kunskapsbank?q=gatlykta', as: 'visitor', public: true },
  { name: 'Open311 requests.json (1,000 requests)', method: 'GET', path: '/open311/v2/requests.json', as: 'visitor', public: true },
  { name: 'plans side by side', method: 'GET', path: '/planer', as: 'visitor', public: true },
  { name: 'plan page (200 actions, charts)', method: 'GET', path: '/planer/fristad', as: 'visitor', public: true },
  { name: 'what the localities ask of the municipality', method: 'GET', path: '/planer/kommunen', as: 'visitor', public: true },
  { name: 'grants awarded (public list, totals)', method: 'GET', path: '/bidrag/beviljade', as: 'visitor', public: true },
  {
    name: 'applications of a call (officer, 500)',
    method: 'GET',
    path: '/admin/bidrag/aktiverings-och-inkluderingsbidrag/utlysningar/aktiverings-och-inkluderingsbidrag-lopande?sortera=amount&fallande=1',
    as: 'admin',
    public: false,
  },
  { name: 'inbox of a function (handler, thousands open)', method: 'GET', path: '/handlaggning', as: 'handler', public: false },
  { name: 'my meetings (signed in)', method: 'GET', path: '/mina-moten', as: 'resident', public: false },
  { name: 'notifications (signed in, 30 unread)', method: 'GET', path: '/notiser', as: 'resident', public: false },
  { name: 'profile (signed in)', method: 'GET', path: '/profil', as: 'resident', public: false },
  { name: 'users (admin)', method: 'GET', path: '/admin/anvandare', as: 'admin', public: false },
  { name: 'audit log (admin)', method: 'GET', path: '/admin/logg', as: 'admin', public: false },
  {
    name: 'profile form post',
    method: 'POST',
    path: '/profil',
    as: 'resident',
    public: false,
    body: (csrf) => new URLSearchParams({ _csrf: csrf, name: 'Bench Boende', lang: 'sv' }).toString(),
  },
  {
    // Registering again changes the answer, so the post can repeat.
    name: 'meeting registration post',
    method: 'POST',
    path: '/moten/{open}/anmalan',
    from: '/moten/{open}',
    as: 'resident',
    public: false,
    body: (csrf) => new URLSearchParams({ _csrf: csrf, answer: 'registered', organisationId: '', note: '' }).toString(),
  },
];

function log(msg: string): void {
  process.stdout.write(`${msg}\n`);
}

/** Makes the scale data once per engine and scale; later runs reuse it. */
/** What the generated data holds; data made before a change to it is made again. */
const DATA_VERSION = 'with-grants';

async function prepare(engine: 'pglite' | 'postgres'): Promise<Record<string, string>> {
  if (engine === 'pglite') {
    const dir = path.join(dataRoot, `pglite-scale-${scale}`);
    const ready = path.join(dir, 'ready');
    if (!fs.existsSync(ready) || !fs.readFileSync(ready, 'utf8').includes(DATA_VERSION)) {
      fs.rmSync(dir, { recursive: true, force: true });
      log(`Generating scale ${scale} data into ${dir}…`);
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/seed-scale.ts', '--scale', String(scale)], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
        stdio: 'inherit',
      });
      if (r.status !== 0) throw new Error('generation failed');
      fs.writeFileSync(ready, `${DATA_VERSION} ${new Date().toISOString()}`);
    }
    return { DATA_DIR: dir, DATABASE_URL: '' };
  }
  const name = `motesplats_bench_scale_${scale}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  try {
    const ready = await admin.query('select 1 from pg_database where datname = $1', [name]);
    let ok = false;
    if (ready.rowCount) {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      ok = ((await c.query(`select count(*)::int n from users where email like '%@scale.example'`).catch(() => ({ rows: [{ n: 0 }] }))).rows[0]?.n ?? 0) > 0;
      // Data made before the questions landed is made again.
      ok &&= ((await c.query('select count(*)::int n from questions').catch(() => ({ rows: [{ n: 0 }] }))).rows[0]?.n ?? 0) > 1000;
      await c.end();
    }
    if (!ok) {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
      log(`Generating scale ${scale} data into PostgreSQL database ${name}…`);
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/seed-scale.ts', '--scale', String(scale)], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url.toString() },
        stdio: 'inherit',
      });
      if (r.status !== 0) throw new Error('generation failed');
    }
  } finally {
    await admin.end();
  }
  return { DATABASE_URL: url.toString() };
}

function startApp(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  // --expose-gc: after each run the live heap is read after a full collection, not garbage.
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'src/main.ts', 'start'], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      NODE_ENV: 'production',
      SESSION_SECRET: 'bench-secret-bench-secret-bench-secret',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WORKER: 'off',
      NO_DEMO_DATA: 'true',
      BENCH_METRICS: '1',
      RATE_LIMIT_AUTH_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start:\n${out}`)), 120_000);
    child.stdout?.on('data', () => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, base: m[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`app exited with ${code}:\n${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A browser-like session: cookies and the CSRF token of a page. */
async function session(base: string, email?: string): Promise<{ cookie: string }> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = (pair ?? '').split('=');
      if (k) jar.set(k.trim(), v.join('='));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrfFor = async (p: string) => {
    const res = await fetch(`${base}${p}`, { headers: { cookie: cookie() }, redirect: 'manual' });
    keep(res);
    return /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? '';
  };
  if (email) {
    const token = await csrfFor('/logga-in');
    const res = await fetch(`${base}/logga-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, email, password: email.endsWith('@scale.example') ? SCALE_PASSWORD : 'motesplats-demo', next: '/' }).toString(),
    });
    keep(res);
    if (res.status !== 303) throw new Error(`sign-in as ${email} failed (${res.status})`);
  }
  return { cookie: cookie() };
}

interface Run {
  rate: number | 'max';
  rps: number;
  p50: number;
  p99: number;
  p999: number;
  errors: number;
  non2xx: number;
  eventLoopP99: number;
  rssMb: number;
  /** The live heap after the run and a full collection. */
  heapMb: number;
}

async function cannon(url: string, opts: { method: string; headers: Record<string, string>; body?: string; rate?: number }): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: opts.method as 'GET',
    headers: opts.headers,
    body: opts.body,
    duration,
    connections: opts.rate ? Math.min(connections, Math.max(2, Math.ceil(opts.rate / 25))) : connections,
    overallRate: opts.rate,
    timeout: 10,
  });
}

interface Metrics {
  eventLoopDelay: { p99: number };
  rssMb: number;
  heapUsedMb: number;
}

async function metrics(base: string, gc = false): Promise<Metrics> {
  return (await fetch(`${base}/__bench/metrics${gc ? '?gc=1' : ''}`)).json() as Promise<Metrics>;
}

async function bareLimit(body: Buffer, type: string): Promise<number> {
  const file = path.join(os.tmpdir(), `motesplats-bare-${process.pid}.html`);
  fs.writeFileSync(file, body);
  const child = spawn(process.execPath, [path.join(root, 'bench', 'bare-server.mjs'), file, type], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout?.on('data', (d) => resolve(Number(/listening (\d+)/.exec(String(d))?.[1]))));
  try {
    const r = await cannon(`http://127.0.0.1:${port}/`, { method: 'GET', headers: {} });
    return r.requests.average;
  } finally {
    await stop(child);
    fs.rmSync(file, { force: true });
  }
}

const results: Record<string, unknown>[] = [];
const engines = String(values.engines).split(',') as ('pglite' | 'postgres')[];
interface FanOut {
  engine: string;
  followers: number;
  notifications: number;
  batches: number;
  ms: number;
}
const fanOuts: FanOut[] = [];
const calibration: { engine: string; at: 'start' | 'end'; rps: number }[] = [];
const ramps: Ramp[] = [];
for (const engine of engines) {
  const env = await prepare(engine);
  calibration.push({ engine, at: 'start', rps: Math.round(await calibrate()) });
  const { child, base } = await startApp(env);
  log(`\n== ${engine}, scale ${scale}, at ${base}`);
  try {
    const sessions = {
      visitor: await session(base),
      resident: await session(base, 'person-42@scale.example'),
      admin: await session(base, 'admin@boras.example'),
      handler: await session(base, 'handlaggare@boras.example'),
    };
    const found = await findMeetings(base, sessions.visitor.cookie, sessions.resident.cookie);
    const fill = (p: string) => p.replace(/\{(\w+)\}/g, (_, k: string) => found[k] ?? k);
    const scenarios = SCENARIOS.map((x) => ({ ...x, path: fill(x.path), from: x.from && fill(x.from) }));
    log(
      `meetings read: ${Object.entries(found)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    for (const s of scenarios.filter((x) => !values.only || x.name.includes(values.only) || x.path.includes(values.only))) {
      const who = sessions[s.as];
      const form = s.method === 'POST' ? await sessionToken(base, who.cookie, s.from ?? s.path) : { token: '', cookie: who.cookie };
      const headers: Record<string, string> = { cookie: form.cookie };
      const body = s.body?.(form.token);
      if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
      // The second of two samples: the first may fill the short-lived caches (tenant, places).
      await fetch(`${base}${s.path}`, { method: s.method, headers, body, redirect: 'manual' }).then((r) => r.arrayBuffer());
      const sample = await fetch(`${base}${s.path}`, { method: s.method, headers, body, redirect: 'manual' });
      const sampleBody = Buffer.from(await sample.arrayBuffer());
      const statements = Number(sample.headers.get('x-sql-statements') ?? -1);
      if (sample.status >= 400) throw new Error(`${s.name}: sample answered ${sample.status}`);
      // What making the page costs, when no kept copy may be given (Cache-Control: no-cache).
      const made = s.method === 'GET' ? await fetch(`${base}${s.path}`, { headers: { ...headers, 'cache-control': 'no-cache' }, redirect: 'manual' }) : sample;
      if (made !== sample) await made.arrayBuffer();
      const madeStatements = Number(made.headers.get('x-sql-statements') ?? -1);
      const runs: Run[] = [];
      for (const rate of [...rates, 0]) {
        await metrics(base);
        const r = await cannon(`${base}${s.path}`, { method: s.method, headers, body, rate: rate || undefined });
        const m = await metrics(base);
        const live = await metrics(base, true);
        runs.push({
          rate: rate || 'max',
          rps: Math.round(r.requests.average),
          p50: r.latency.p50,
          p99: r.latency.p99,
          p999: r.latency.p99_9,
          errors: r.errors + r.timeouts,
          non2xx: r.non2xx - (s.method === 'POST' ? (r['3xx' as keyof typeof r] as number) : 0),
          eventLoopP99: m.eventLoopDelay.p99,
          rssMb: m.rssMb,
          heapMb: live.heapUsedMb,
        });
        const last = runs[runs.length - 1] as Run;
        log(
          `${engine} ${s.name.padEnd(26)} rate ${String(last.rate).padStart(4)}: ${String(last.rps).padStart(5)} req/s  p50 ${last.p50} ms  p99 ${last.p99} ms  p99.9 ${last.p999} ms  errors ${last.errors + last.non2xx}  sql ${statements}  loop p99 ${last.eventLoopP99} ms  rss ${last.rssMb} MB  live heap ${last.heapMb} MB`,
        );
      }
      const limit = s.method === 'GET' ? await bareLimit(sampleBody, sample.headers.get('content-type') ?? 'text/html') : null;
      const max = runs.find((r) => r.rate === 'max')?.rps ?? 0;
      if (limit) log(`${engine} ${s.name.padEnd(26)} bare node:http: ${Math.round(limit)} req/s; app at ${((max / limit) * 100).toFixed(1)}% of it`);
      results.push({
        engine,
        scale,
        scenario: s.name,
        method: s.method,
        path: s.path,
        public: s.public,
        bytes: sampleBody.length,
        statements,
        madeStatements,
        runs,
        bareLimit: limit ? Math.round(limit) : null,
        fractionOfBare: limit ? max / limit : null,
      });
    }
    if (!values.only || 'ramp'.includes(values.only)) {
      // The page made anew: its own saturation first, then the ramp around it.
      const made = { cookie: sessions.visitor.cookie, 'cache-control': 'no-cache' };
      // Answered pages only: at saturation some answers may already be 503.
      const max = Math.round(((await cannon(`${base}/ortsrad/fristad`, { method: 'GET', headers: made }))['2xx'] as number) / duration);
      ramps.push(await ramp(engine, base, '/ortsrad/fristad', made, max));
    }
  } finally {
    await stop(child);
  }
  calibration.push({ engine, at: 'end', rps: Math.round(await calibrate()) });
  if (!values.only || 'fan-out'.includes(values.only)) fanOuts.push(await measureFanOut(engine, env));
}

/** The bare node:http limit for a fixed 4 KB page: what this machine gives now, to tell a noisy run from a slow app. */
function calibrate(): Promise<number> {
  return bareLimit(Buffer.alloc(4096, 'a'), 'text/html');
}

interface RampStep {
  asked: number;
  ok: number;
  shed: number;
  other: number;
  p50: number;
  p99: number;
}

interface Ramp {
  engine: string;
  path: string;
  max: number;
  steps: RampStep[];
  /** The first rate asked for at which more than 1% of answers were 503. */
  sheddingFrom: number | null;
  /** Whether the last, low step was answered without shedding. */
  recovered: boolean;
}

/**
 * Requests sent at an even pace whatever the answers do (an open loop, as visitors arrive): a
 * tick every millisecond sends what the rate asks for by then. autocannon's rate sends each
 * connection's share at the start of every second, in bursts, which is not how load arrives.
 */
async function openLoop(
  url: string,
  headers: Record<string, string>,
  rate: number,
  seconds: number,
): Promise<{ codes: Map<number, number>; failed: number; latencies: number[] }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const codes = new Map<number, number>();
  const latencies: number[] = [];
  let failed = 0;
  let sent = 0;
  const pending = new Set<Promise<void>>();
  const started = performance.now();
  const one = () => {
    const at = performance.now();
    const done = new Promise<void>((resolve) => {
      let answered = false;
      // An answer later than ten seconds counts as failed, as a visitor would have given up.
      const req = http.get(url, { agent, headers, signal: AbortSignal.timeout(10_000) }, (res) => {
        answered = true;
        res.resume();
        let ended = false;
        res.on('end', () => {
          ended = true;
          codes.set(res.statusCode ?? 0, (codes.get(res.statusCode ?? 0) ?? 0) + 1);
          latencies.push(performance.now() - at);
          resolve();
        });
        // Cut off mid-answer (given up on): failed, once.
        res.on('close', () => {
          if (ended) return;
          failed++;
          resolve();
        });
      });
      req.on('error', () => {
        // An answer already cut off midway was counted by its close.
        if (answered) return resolve();
        failed++;
        resolve();
      });
    });
    pending.add(done);
    void done.then(() => pending.delete(done));
  };
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    while (sent < due) {
      sent++;
      one();
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { codes, failed, latencies };
}

/**
 * A load ramp past the breaking point and back: the page made anew on every request (the most
 * work a public page asks), sent at an even pace from half its saturation rate to four times it,
 * then half again. Past capacity the service should answer 503 at once rather than let latency
 * grow, and answer normally again when the load falls.
 */
async function ramp(engine: string, base: string, p: string, headers: Record<string, string>, max: number): Promise<Ramp> {
  const steps: RampStep[] = [];
  for (const factor of [0.5, 1, 1.5, 2, 3, 4, 0.5]) {
    const asked = Math.max(10, Math.round(max * factor));
    const r = await openLoop(`${base}${p}`, headers, asked, duration);
    const count = (code: number) => r.codes.get(code) ?? 0;
    const all = [...r.codes.values()].reduce((a, b) => a + b, 0);
    const at = (q: number) => Math.round(r.latencies[Math.min(r.latencies.length - 1, Math.floor(q * r.latencies.length))] ?? 0);
    const step = {
      asked,
      ok: Math.round(count(200) / duration),
      shed: Math.round(count(503) / duration),
      other: Math.round((all - count(200) - count(503) + r.failed) / duration),
      p50: at(0.5),
      p99: at(0.99),
    };
    steps.push(step);
    log(
      `${engine} ramp ${p} asked ${asked}/s: ${step.ok}/s answered, ${step.shed}/s shed (503), ${step.other}/s other; p50 ${step.p50} ms, p99 ${step.p99} ms`,
    );
    // Let what piled up drain before the next step.
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  const from = steps.slice(0, -1).find((x) => x.shed > 0.01 * (x.ok + x.shed));
  const last = steps[steps.length - 1] as RampStep;
  return { engine, path: p, max, steps, sheddingFrom: from?.asked ?? null, recovered: last.shed === 0 && last.other === 0 };
}

/**
 * The fan-out of one publication to the council with the most followers (5,000 at scale 1), as
 * the worker runs it after the request has answered: its time, its batches and the mail it queued.
 * The request itself costs the same for 5 followers as for 5,000 (test/notifications.test.ts).
 * What it writes is removed afterwards, so the next run finds the data as it was.
 */
async function measureFanOut(engine: string, env: Record<string, string>): Promise<FanOut> {
  const config = loadConfig({ ...process.env, ...env, NODE_ENV: 'production', SESSION_SECRET: 'bench-secret-bench-secret-bench-secret' });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const db = database.db;
  try {
    const [top] = rowsOf<{ tenant_id: string; subject_id: string; n: number }>(
      await db.execute(sql`select tenant_id, subject_id, count(*)::int as n from follows where kind = 'council' group by 1, 2 order by 3 desc limit 1`),
    );
    if (!top) throw new Error('no followed council in the scale data');
    const source = `bench:fan-out:${Date.now()}`;
    let batches = 0;
    const started = performance.now();
    await notifyFollowers(
      db,
      {
        tenantId: top.tenant_id,
        event: 'meetings.followed',
        source,
        messageKey: 'meetings.notify.minutesPublished',
        vars: { title: 'Benchmark', organiser: 'Benchmark' },
        link: '/',
        topic: 'Benchmark',
        kind: 'council',
        subjectId: top.subject_id,
      },
      { afterBatch: (b) => (batches = b) },
    );
    const ms = performance.now() - started;
    const [made] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from notifications where source = ${source}`));
    await db.execute(
      sql`delete from jobs where name = 'notifications.mailOne' and payload->>'id' in (select id::text from notifications where source = ${source})`,
    );
    await db.execute(sql`delete from notifications where source = ${source}`);
    const result = { engine, followers: top.n, notifications: made?.n ?? 0, batches, ms: Math.round(ms) };
    log(`${engine} fan-out to ${result.followers} followers: ${result.ms} ms in ${batches} batches, ${result.notifications} notifications`);
    return result;
  } finally {
    await database.close();
  }
}

/**
 * The meetings the scenarios read, found the same way at every scale: from the meeting that far
 * through the generated year and a half (2401 of 2500 is in 2027, 1001 of 2500 in August 2026),
 * the first whose pages answer as needed: public and open for registration, or with public minutes.
 */
async function findMeetings(base: string, visitor: string, resident: string): Promise<Record<string, string>> {
  const ok = async (p: string, cookie: string) => {
    const res = await fetch(`${base}${p}`, { headers: { cookie }, redirect: 'manual' });
    return res.status === 200 ? res.text() : null;
  };
  const find = async (from: number, usable: (slug: string) => Promise<boolean>) => {
    for (let i = from; i < PER_SCALE.meetings * scale; i++) {
      if (await usable(`skala-m-${i + 1}`)) return `skala-m-${i + 1}`;
    }
    throw new Error(`no meeting from number ${from} on is usable`);
  };
  const open = async (slug: string) =>
    (await ok(`/moten/${slug}`, visitor)) !== null && ((await ok(`/moten/${slug}`, resident)) ?? '').includes(`action="/moten/${slug}/anmalan"`);
  const upcoming = await find(2400 * scale, open);
  const next = await find(Number(upcoming.slice('skala-m-'.length)), open);
  const minutes = await find(1000 * scale, async (slug) => (await ok(`/moten/${slug}/protokoll`, visitor)) !== null);
  return { upcoming, open: next, minutes };
}

/** The CSRF token of a page for an existing session, and the cookies to send with it (the page may set the CSRF cookie). */
async function sessionToken(base: string, cookie: string, p: string): Promise<{ token: string; cookie: string }> {
  const res = await fetch(`${base}${p}`, { headers: { cookie }, redirect: 'manual' });
  const jar = new Map(
    cookie
      .split('; ')
      .filter(Boolean)
      .map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)] as [string, string]),
  );
  for (const set of res.headers.getSetCookie()) {
    const [pair] = set.split(';');
    const at = (pair ?? '').indexOf('=');
    if (at > 0) jar.set((pair as string).slice(0, at).trim(), (pair as string).slice(at + 1));
  }
  const token = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? '';
  return { token, cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
}

const date = new Date().toISOString().slice(0, 10);
const out = path.join(root, 'bench', 'results');
if (values.only === 'ramp' && fs.existsSync(path.join(out, `${date}-scale${scale}.json`))) {
  // The ramp again, into the same day's results: the pages' figures are kept as they were.
  const file = path.join(out, `${date}-scale${scale}.json`);
  const kept = JSON.parse(fs.readFileSync(file, 'utf8'));
  kept.ramps = [...(kept.ramps ?? []).filter((r: Ramp) => !ramps.some((x) => x.engine === r.engine)), ...ramps];
  fs.writeFileSync(file, `${JSON.stringify(kept, null, 2)}\n`);
  const md = summary(kept.meta, kept.results, kept.fanOuts ?? [], kept.ramps);
  fs.writeFileSync(file.replace(/\.json$/, '.md'), md);
  fs.writeFileSync(path.join(out, 'latest.md'), md);
  log(`\nWrote the ramp into bench/results/${date}-scale${scale}.json and .md`);
  process.exit(0);
}
if (values.only) {
  log('\nA partial run (--only) writes no results.');
  process.exit(0);
}
fs.mkdirSync(out, { recursive: true });
const meta = {
  date: new Date().toISOString(),
  scale,
  duration,
  rates,
  connections,
  node: process.version,
  cpus: os.cpus().length,
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  calibration,
  usualCalibration: usualCalibration(),
};
fs.writeFileSync(path.join(out, `${date}-scale${scale}.json`), `${JSON.stringify({ meta, results, fanOuts, ramps }, null, 2)}\n`);
const md = summary(meta, results as unknown as Result[], fanOuts, ramps);
fs.writeFileSync(path.join(out, `${date}-scale${scale}.md`), md);
fs.writeFileSync(path.join(out, 'latest.md'), md);
log(`\nWrote bench/results/${date}-scale${scale}.json and .md`);

/** The median calibration of the earlier runs kept in bench/results: what this machine usually gives. */
function usualCalibration(): number | null {
  const seen: number[] = [];
  for (const f of fs.readdirSync(out).filter((x) => x.endsWith('.json'))) {
    const m = JSON.parse(fs.readFileSync(path.join(out, f), 'utf8')).meta as { calibration?: { rps: number }[] };
    for (const c of m.calibration ?? []) seen.push(c.rps);
  }
  if (!seen.length) return null;
  seen.sort((a, b) => a - b);
  return seen[Math.floor(seen.length / 2)] as number;
}

interface Result {
  engine: string;
  scenario: string;
  path: string;
  method: string;
  public: boolean;
  bytes: number;
  statements: number;
  madeStatements?: number;
  runs: Run[];
  bareLimit: number | null;
  fractionOfBare: number | null;
}

type Meta = typeof meta & { calibration?: { engine: string; at: string; rps: number }[]; usualCalibration?: number | null };

function summary(m: Meta, rs: Result[], fan: FanOut[] = [], rampsRun: Ramp[] = []): string {
  const lines = [
    `# Benchmark ${m.date.slice(0, 10)}, scale ${m.scale}`,
    '',
    `Node ${m.node}, ${m.cpus} cores, ${m.memoryGb} GiB; ${m.duration} s per run; autocannon with up to ${m.connections} connections, on the same machine as the app (it takes CPU from it).`,
    'Rates are requests per second asked for; "max" is saturation. Latencies in ms. SQL is statements per request (from the x-sql-statements header).',
    'RSS is the resident memory at the end of a run (PGlite keeps its database pages in it); live heap is the JavaScript heap after the run and a full collection.',
    'SQL is what the answer measured cost (1 for a kept page: the data version); "made" is what making the page anew costs (Cache-Control: no-cache).',
    '',
    '## Goals',
  ];
  const shortfalls: string[] = [];
  // The machine: a bare server's limit for a fixed 4 KB page before and after each engine's runs, against the earlier runs' median.
  const cal = m.calibration ?? [];
  if (cal.length) {
    const usual = m.usualCalibration ?? null;
    lines.push(
      `- The machine: a bare node:http server answered ${cal.map((c) => `${c.rps} req/s (${c.engine} ${c.at})`).join(', ')} for a 4 KB page${usual ? `; earlier runs' median ${usual}` : ''}.`,
    );
    const rpsAll = cal.map((c) => c.rps);
    const lo = Math.min(...rpsAll);
    const hi = Math.max(...rpsAll);
    if (lo < 0.8 * hi) shortfalls.push(`- A noisy run: the bare limit moved from ${hi} to ${lo} req/s during it (more than 20%); read its figures with care.`);
    if (usual && Math.abs(lo - usual) > 0.25 * usual)
      shortfalls.push(`- A noisy run: the bare limit (${lo} req/s) is more than 25% from this machine's usual ${usual}; read its figures with care.`);
  }
  const large = m.scale >= 10;
  for (const r of rs) {
    const at200 = r.runs.find((x) => x.rate === 200);
    const max = r.runs.find((x) => x.rate === 'max')?.rps ?? 0;
    const p99Goal = large ? 100 : 50;
    if ((r.public || large) && at200 && at200.p99 >= p99Goal)
      shortfalls.push(`- ${r.engine} ${r.scenario}: p99 ${at200.p99} ms at 200 req/s, ${(at200.p99 - p99Goal).toFixed(1)} ms over the ${p99Goal} ms goal.`);
    if (r.public && at200 && at200.rps < 190) shortfalls.push(`- ${r.engine} ${r.scenario}: only ${at200.rps} req/s when 200 were asked for.`);
    if (!large && r.method === 'GET') {
      const goal = r.public ? (r.engine === 'postgres' ? 1000 : 400) : r.engine === 'postgres' ? 300 : 0;
      if (goal && max < goal) shortfalls.push(`- ${r.engine} ${r.scenario}: ${max} req/s at saturation, under the goal of ${goal}.`);
    }
    const cost = r.madeStatements ?? r.statements;
    if (cost > 10) shortfalls.push(`- ${r.engine} ${r.scenario}: ${cost} SQL statements, ${cost - 10} over the budget of 10.`);
    const errs = r.runs.reduce((n, x) => n + x.errors + x.non2xx, 0);
    if (errs > 0) shortfalls.push(`- ${r.engine} ${r.scenario}: ${errs} errors or unexpected statuses.`);
  }
  for (const rp of rampsRun) {
    if (!rp.recovered) shortfalls.push(`- ${rp.engine}: after the ramp past the breaking point the service did not answer the low rate cleanly.`);
  }
  // The cheapest page is the one the app serves most of per second: the least work of its own.
  const maxRps = (r: Result) => r.runs.find((x) => x.rate === 'max')?.rps ?? 0;
  for (const engine of new Set(rs.map((r) => r.engine))) {
    const pages = rs.filter((r) => r.engine === engine && r.fractionOfBare !== null);
    if (!pages.length) continue;
    const cheapest = pages.reduce((a, b) => (maxRps(b) > maxRps(a) ? b : a));
    const f = (cheapest.fractionOfBare as number) * 100;
    const what = `the cheapest page (${cheapest.path}, ${maxRps(cheapest)} req/s) reaches ${f.toFixed(1)}% of the bare node:http limit`;
    if (f < 20) shortfalls.push(`- ${engine}: ${what}, ${(20 - f).toFixed(1)} points under the 20% goal.`);
    else lines.push(`- ${engine}: ${what} (goal 20%).`);
  }
  lines.push(
    ...(shortfalls.length
      ? ['', 'Where we fall short:', '', ...shortfalls]
      : ['- Every public page: p99 under 50 ms at 200 req/s, at most 10 SQL statements, no errors.']),
  );
  for (const engine of new Set(rs.map((r) => r.engine))) {
    lines.push(
      '',
      `## ${engine}`,
      '',
      '| page | rate | req/s | p50 | p99 | p99.9 | errors | SQL | made | loop p99 | RSS MB | live heap MB | bytes | % of bare |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const r of rs.filter((x) => x.engine === engine)) {
      for (const x of r.runs) {
        const frac = x.rate === 'max' && r.fractionOfBare !== null ? `${(r.fractionOfBare * 100).toFixed(1)}% of ${r.bareLimit}` : '';
        lines.push(
          `| ${r.method} ${r.path} | ${x.rate} | ${x.rps} | ${x.p50} | ${x.p99} | ${x.p999} | ${x.errors + x.non2xx} | ${r.statements} | ${r.madeStatements ?? ''} | ${x.eventLoopP99} | ${x.rssMb} | ${x.heapMb ?? ''} | ${r.bytes} | ${frac} |`,
        );
      }
    }
  }
  if (rampsRun.length) {
    lines.push(
      '',
      '## Past the breaking point and back',
      '',
      'The council page made anew on every request (Cache-Control: no-cache), sent at an even pace (an open loop: requests keep arriving whatever the answers do), at rates from half its saturation to four times it and back to half. "Shed" is 503 with Retry-After; latencies are of every answer.',
    );
    for (const rp of rampsRun) {
      lines.push(
        '',
        `${rp.engine}: saturation ${rp.max} req/s; ${rp.sheddingFrom ? `shedding from ${rp.sheddingFrom} req/s asked` : 'no shedding at any step'}; ${rp.recovered ? 'recovered at the last step (no 503, no errors)' : 'NOT recovered at the last step'}.`,
        '',
        '| asked/s | answered/s | shed/s | other/s | p50 | p99 |',
        '|---|---|---|---|---|---|',
        ...rp.steps.map((x) => `| ${x.asked} | ${x.ok} | ${x.shed} | ${x.other} | ${x.p50} | ${x.p99} |`),
      );
    }
  }
  if (fan.length) {
    lines.push(
      '',
      '## Fan-out of a publication',
      '',
      'One publication (minutes, a meeting, news) to the council with the most followers, as the worker runs it after the request has answered: batches of 1,000 followers, each a short transaction with the mail it queues.',
      '',
      '| engine | followers | notifications | batches | ms |',
      '|---|---|---|---|---|',
      ...fan.map((f) => `| ${f.engine} | ${f.followers} | ${f.notifications} | ${f.batches} | ${f.ms} |`),
    );
  }
  return `${lines.join('\n')}\n`;
}
