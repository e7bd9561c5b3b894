import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/** An optional URL; an empty variable counts as unset. */
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional());

/** Every environment variable the service reads, checked once at start. */
export const ConfigInput = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  BASE_URL: optionalUrl,
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optionalUrl,
  SMTP_URL: optionalUrl,
  MAIL_FROM: z.string().default('Mötesplats <no-reply@motesplats.example>'),
  SESSION_SECRET: z.string().min(32).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  NO_DEMO_DATA: bool,
  DEMO_DATA: z.enum(['true', 'false', '1', '0', '']).optional(),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|\d{1,2}|[0-9a-fA-F.:/, ]+|loopback|linklocal|uniquelocal)?$/,
      'true, false, a number of proxies, or proxy addresses separated by commas',
    )
    .optional(),
  WORKER: z.enum(['on', 'off']).default('on'),
  BENCH_METRICS: bool,
  /** Past this mean event-loop delay (ms) new requests are answered 503 with Retry-After; 0 turns it off. */
  OVERLOAD_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  /** Past this share of the JavaScript heap's limit (percent) new requests are answered 503; 0 turns it off. */
  OVERLOAD_HEAP_PERCENT: z.coerce.number().int().min(0).max(100).default(90),
  /** Past this many queries waiting for a database connection (on two samples in a row) new requests are answered 503; 0 turns it off. */
  OVERLOAD_DB_QUEUE: z.coerce.number().int().min(0).max(100_000).optional(),
  /** What Retry-After says when load is shed (seconds). */
  OVERLOAD_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /** On SIGTERM, how long the service goes on answering while /readyz says it is stopping (seconds), before it stops listening. */
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(300).optional(),
  /** Memory for pages kept for visitors who are not signed in (MB); 0 turns the render cache off. */
  RENDER_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
  /** How long a kept page may be given out at most (seconds), for what changes with the clock alone. */
  RENDER_CACHE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** A tile server for choosing a point on a map, `https://…/{z}/{x}/{y}.png`; without it forms take an address. */
  MAP_TILE_URL: z
    .string()
    .regex(/^https:\/\/[^\s"'<>{}/]+\/[^\s"'<>]*\{z\}[^\s"'<>]*\{x\}[^\s"'<>]*\{y\}[^\s"'<>]*$/, 'an https address with {z}, {x} and {y} in its path')
    .optional()
    .or(z.literal('')),
  MAP_ATTRIBUTION: z.string().max(200).default('© OpenStreetMap'),
  /** The default municipality's OpenID Connect provider (an e-ID broker or the municipality's IdP). */
  OIDC_ISSUER: optionalUrl,
  OIDC_CLIENT_ID: z.string().max(500).optional(),
  OIDC_CLIENT_SECRET: z.string().max(2000).optional(),
  OIDC_LABEL: z.string().max(100).optional(),
  OIDC_SCOPE: z.string().max(500).optional(),
  /** How long a request to the provider may take before the sign-in says the provider is not answering. */
  OIDC_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
  /** Where the map opens: latitude,longitude (the default is Borås). */
  MAP_CENTER: z
    .string()
    .regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, 'latitude,longitude')
    .default('57.7210,12.9401'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  baseUrl: string;
  dataDir: string;
  databaseUrl?: string;
  smtpUrl?: string;
  mailFrom: string;
  sessionSecret: string;
  logLevel: string;
  authRateLimit: number;
  /** Whether an empty database gets the Borås demo data: never in production unless DEMO_DATA=true. */
  loadDemoData: boolean;
  /** Fastify's trustProxy: which proxies' X-Forwarded-For is believed for the visitor's address. */
  trustProxy: boolean | string | ((address: string, hop: number) => boolean);
  worker: boolean;
  secureCookies: boolean;
  benchMetrics: boolean;
  /** When new requests are shed with 503 and Retry-After: mean event-loop delay (ms), heap share (percent), queries waiting for a connection; 0 is off. */
  overload: { eventLoopDelayMs: number; heapPercent: number; dbQueue: number; retryAfterSeconds: number };
  /** On SIGTERM: how long /readyz answers 503 while requests are still served, so a load balancer stops sending first (ms). */
  shutdownDrainMs: number;
  /** Pages every visitor sees alike, kept per tenant, language and address under the tenant's data version; 0 bytes is off. */
  renderCache: { maxBytes: number; ttlMs: number };
  /** The tile server of the map point picker, and whose map it is; none: no map, the address fields only. */
  map: { tiles: string; attribution: string; center: string } | null;
  /** The default municipality's OpenID provider from the environment; an administrator's settings take precedence. */
  oidc: OidcEnvironment | null;
  oidcTimeoutSeconds: number;
};

export interface OidcEnvironment {
  issuer: string;
  clientId: string;
  clientSecret: string;
  label: string;
  scope: string;
}

/** What the sign-in asks the provider for: the person, a verified e-mail, and the Swedish profile's personal identity number. */
export const DEFAULT_OIDC_SCOPE = 'openid profile email https://id.oidc.se/scope/naturalPersonNumber';

/** Trusts the nearest `n` proxies in front of the service (X-Forwarded-For read from the right). */
function trustHops(n: number) {
  return (_address: string, hop: number) => hop < n;
}

/** Reads and validates the configuration; throws with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = ConfigInput.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.OIDC_ISSUER && !e.OIDC_CLIENT_ID) {
    throw new Error('Invalid configuration:\n  OIDC_CLIENT_ID: required with OIDC_ISSUER');
  }
  if (e.NODE_ENV === 'production' && !e.SESSION_SECRET) {
    throw new Error('Invalid configuration:\n  SESSION_SECRET: required in production (at least 32 characters)');
  }
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const demoAsked = e.DEMO_DATA === 'true' || e.DEMO_DATA === '1';
  const demoRefused = e.DEMO_DATA === 'false' || e.DEMO_DATA === '0' || e.NO_DEMO_DATA;
  const proxy = (e.TRUST_PROXY ?? '').trim();
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    baseUrl,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    // A development secret is fine: it only signs cookies of a local demo.
    sessionSecret: e.SESSION_SECRET ?? 'development-only-secret-change-me-in-production',
    logLevel: e.LOG_LEVEL,
    authRateLimit: e.RATE_LIMIT_AUTH_PER_MINUTE,
    // Demo accounts share a published password: a production database gets them only when asked for.
    loadDemoData: e.NODE_ENV === 'production' ? demoAsked && !e.NO_DEMO_DATA : !demoRefused,
    trustProxy: proxy === '' || proxy === 'false' ? false : proxy === 'true' ? true : /^\d+$/.test(proxy) ? trustHops(Number(proxy)) : proxy,
    worker: e.WORKER === 'on',
    secureCookies: baseUrl.startsWith('https://'),
    benchMetrics: e.BENCH_METRICS,
    // Tests run many heavy cases on two cores: shedding there is asked for by the test that checks it.
    overload: {
      eventLoopDelayMs: e.OVERLOAD_EVENT_LOOP_DELAY_MS ?? (e.NODE_ENV === 'test' ? 0 : 1000),
      heapPercent: e.OVERLOAD_HEAP_PERCENT,
      dbQueue: e.OVERLOAD_DB_QUEUE ?? (e.NODE_ENV === 'test' ? 0 : 100),
      retryAfterSeconds: e.OVERLOAD_RETRY_AFTER_SECONDS,
    },
    // In development Ctrl-C stops at once; in production the load balancer is given time to notice.
    shutdownDrainMs: (e.SHUTDOWN_DRAIN_SECONDS ?? (e.NODE_ENV === 'production' ? 5 : 0)) * 1000,
    renderCache: { maxBytes: e.RENDER_CACHE_MB * 1024 * 1024, ttlMs: e.RENDER_CACHE_SECONDS * 1000 },
    map: e.MAP_TILE_URL ? { tiles: e.MAP_TILE_URL, attribution: e.MAP_ATTRIBUTION, center: e.MAP_CENTER } : null,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET ?? '',
            label: e.OIDC_LABEL?.trim() || '',
            scope: e.OIDC_SCOPE?.trim() || DEFAULT_OIDC_SCOPE,
          }
        : null,
    oidcTimeoutSeconds: e.OIDC_TIMEOUT_SECONDS,
    ...overrides,
  };
}
