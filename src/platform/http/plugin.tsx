import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { type SQL, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { type Actor, visitor } from '../authz/index.js';
import { migrationStatus, statementCounter } from '../db/index.js';
import { type Lang, languages, type MessageKey, type TFn } from '../i18n/index.js';
import type { AppServices, NavEntry } from '../module.js';
import type { Tenant } from '../tenants/index.js';
import type { PageContext } from '../views/context.js';
import { ErrorPage } from '../views/error-page.js';
import { registerBenchMetrics } from './metrics.js';
import { ALWAYS_ANSWERED, registerOverload } from './overload.js';
import { PgRateLimitStore } from './rate-limit-store.js';
import { keepFromCache, registerRenderCache } from './render-cache.js';
import { securityHeadersFor } from './security-headers.js';
import { hashToken, liveSessionSql, renewSession, SESSION_COOKIE, sessionCookieOptions } from './sessions.js';
import { UPLOAD_LIMIT_BYTES } from './uploads.js';
import { registerValidation } from './validation.js';

declare module 'fastify' {
  interface FastifyRequest {
    tenant: Tenant;
    actor: Actor;
    lang: Lang;
    t: TFn;
    sessionToken: string | null;
  }
  interface FastifyReply {
    /** Renders a page with the request's context as an HTML document. */
    render(view: (ctx: PageContext) => VNode, status?: number): FastifyReply;
    /** Shows a one-time message on the next page. */
    flash(key: MessageKey, vars?: Record<string, string | number>, kind?: 'success' | 'error'): FastifyReply;
  }
  interface FastifyContextConfig {
    /** Routes that take no form posts from browsers (machine APIs) skip the CSRF check. */
    skipCsrf?: boolean;
    /** Routes that take files: the only ones that accept a multipart body, read by `readUpload`. */
    uploads?: boolean;
  }
}

/**
 * Loads the signed-in person of a live session (`liveSessionSql`, joined in the same statement), with
 * when the session was last renewed; how they signed in (an e-ID's level) decides whether staff roles count.
 */
export type ActorLoader = (tenantId: string, liveSession: SQL) => Promise<{ actor: Actor; sessionUpdatedMs: number } | null>;

const FLASH_COOKIE = 'flash';
const LANG_COOKIE = 'lang';
const publicDir = fileURLToPath(new URL('../../../public', import.meta.url));

/** Mounts sessions, tenants, language, CSRF, security headers, rendering and error pages. */
export async function registerPlatformHttp(app: FastifyInstance, services: AppServices, opts: { loadActor: ActorLoader; nav: NavEntry[] }): Promise<void> {
  const { config, translator, tenants, db } = services;
  const secure = config.secureCookies;

  registerValidation(app);
  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifyFormbody);
  // Multipart bodies are accepted only by routes that take files, and read there by `readUpload`
  // after the person is authorised and the form's CSRF token checked; every other route refuses
  // them before reading a byte (onRequest, below).
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 30, parts: 32, fieldSize: 100_000 },
  });
  app.addHook('onRequest', (req, _reply, done) => {
    const type = req.headers['content-type'];
    if (type && /^\s*multipart\//i.test(type) && !req.routeOptions.config?.uploads) {
      return done(Object.assign(new Error('Unsupported media type'), { statusCode: 415 }));
    }
    done();
  });
  // Security headers are the same on every answer: worked out once, at start.
  const securityHeaders = securityHeadersFor(secure, config.map ? new URL(config.map.tiles.replace(/\{[xyz]\}/g, '0')).origin : undefined);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
  // Past capacity a request is refused at once, before the tenant, the session or the database.
  await registerOverload(app, config, services.database);
  // A form's token is bound to the tenant and the session it was made for: a token taken from
  // another municipality's host, or from before signing in, is refused.
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure },
    csrfOpts: { hmacKey: config.sessionSecret },
    getUserInfo: csrfUserInfo,
  });
  // Attempts are counted in the database, so every instance sharing it counts the same attempts.
  await app.register(fastifyRateLimit, {
    global: false,
    store: PgRateLimitStore.for(db),
    keyGenerator: (req) => `${req.tenant?.id ?? '-'}|${req.ip}`,
    errorResponseBuilder: () => Object.assign(new Error('Too many requests'), { statusCode: 429 }),
  });
  await app.register(fastifyStatic, { root: publicDir, prefix: '/static/', maxAge: '1h', index: false });

  if (config.benchMetrics) registerBenchMetrics(app);

  app.decorateRequest('tenant', null as unknown as Tenant);
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('lang', 'sv');
  app.decorateRequest('t', null as unknown as TFn);
  app.decorateRequest('sessionToken', null);

  // Count SQL statements per request (budgets and N+1 tests read the header).
  app.addHook('onRequest', (_req, _reply, done) => {
    statementCounter.run({ count: 0 }, done);
  });

  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/static/') || HEALTH_PATHS.has(req.url)) return;
    const tenant = await tenants.resolve(req.headers.host);
    if (!tenant) throw Object.assign(new Error('No tenant configured'), { statusCode: 503 });
    req.tenant = tenant;
    req.actor = visitor(tenant.id);
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const tokenHash = hashToken(token);
      const found = await opts.loadActor(tenant.id, liveSessionSql(tenant.id, tokenHash));
      if (found) {
        req.actor = found.actor;
        req.sessionToken = token;
        // The cookie's expiry follows the session's, which slides while the person is active.
        if (await renewSession(db, tokenHash, found.sessionUpdatedMs)) reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(secure));
      }
    }
    const cookieLang = req.cookies[LANG_COOKIE];
    req.lang = languages.includes(cookieLang as Lang) ? (cookieLang as Lang) : (req.actor.user?.lang ?? 'sv');
    req.t = translator.t(req.lang);
  });

  // Pages every visitor sees alike are kept for visitors who are not signed in, under the tenant's data version.
  registerRenderCache(app, {
    config,
    database: services.database,
    changes: services.changes,
    tenants,
    personal: (req) => req.actor.user !== null || req.cookies[FLASH_COOKIE] !== undefined,
  });

  app.addHook('onSend', async (req, reply) => {
    // While stopping, a client's next request goes to a new connection (another instance, once the balancer knows).
    if (services.lifecycle.draining) reply.header('connection', 'close');
    const store = statementCounter.getStore();
    if (store) reply.header('x-sql-statements', String(store.count));
    // Statements per section of the page, for the budget test (a section may use one).
    if (store?.parts && services.config.env !== 'production') {
      reply.header('x-sql-sections', [...store.parts].map(([name, n]) => `${name}=${n}`).join(', '));
    }
    // A write that succeeded may change what others see: every instance clears its caches of the tenant.
    if (req.method !== 'GET' && req.method !== 'HEAD' && reply.statusCode < 400 && req.tenant) services.changes.announce(req.tenant.id);
  });

  app.addHook('preHandler', (req, reply, done) => {
    if (req.method !== 'POST' || req.routeOptions.config?.skipCsrf || req.routeOptions.config?.uploads) return done();
    app.csrfProtection(req, reply, done);
  });

  app.decorateReply('flash', function (this: FastifyReply, key: MessageKey, vars?: Record<string, string | number>, kind: 'success' | 'error' = 'success') {
    this.setCookie(FLASH_COOKIE, JSON.stringify({ key, vars, kind }), { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: 120 });
    return this;
  });

  app.decorateReply('render', function (this: FastifyReply, view: (ctx: PageContext) => VNode, status?: number) {
    const ctx = pageContext(this.request, this, opts.nav, translator.has);
    const html = `<!doctype html>${renderToString(view(ctx))}`;
    if (status) this.code(status);
    this.header('cache-control', 'no-store');
    return this.type('text/html; charset=utf-8').send(html);
  });

  registerHealth(app, services);

  // Switching language is kept for the session in a cookie, and works before signing in.
  app.get<{ Params: { lang: string }; Querystring: { next?: string | string[] } }>('/sprak/:lang', async (req, reply) => {
    const lang = languages.includes(req.params.lang as Lang) ? req.params.lang : 'sv';
    reply.setCookie(LANG_COOKIE, lang, { path: '/', httpOnly: true, sameSite: 'lax', secure });
    return reply.redirect(safeNext(req.query.next), 303);
  });

  app.setNotFoundHandler(async (req, reply) => {
    if (!req.tenant) return reply.code(404).type('text/plain').send('Not found');
    return reply.render((ctx) => <ErrorPage ctx={ctx} status={404} />, 404);
  });

  app.setErrorHandler(async (err: Error & { statusCode?: number; code?: string; validationContext?: string }, req, reply) => {
    let status = statusOf(err);
    if (status === 401) {
      if (req.method === 'GET') return reply.redirect(`/logga-in?next=${encodeURIComponent(req.url)}`, 303);
      status = 403;
    }
    if (status >= 500) req.log.error({ err }, 'request failed');
    else if (isDataError(err))
      req.log.warn({ code: dataErrorCode(err), url: req.routeOptions.url }, 'input refused by the database; a schema should have caught it');
    else req.log.info({ code: err.code, status }, 'request refused');
    if (!req.tenant || !req.t)
      return reply
        .code(status)
        .type('text/plain')
        .send(status >= 500 ? 'Internal Server Error' : 'Error');
    const csrf = err.code?.startsWith('FST_CSRF') ?? false;
    return reply.render((ctx) => <ErrorPage ctx={ctx} status={status} csrf={csrf} />, status);
  });
}

/**
 * The status an error answers with. A route parameter that fails its schema names nothing that
 * exists (404); a query string or body that fails one is a bad request (400), and so is input the
 * database refuses as data (a NUL byte, an impossible date) that a schema let through.
 */
function statusOf(err: Error & { statusCode?: number; validationContext?: string }): number {
  if (err.validationContext === 'params') return 404;
  if (err.name === 'ZodError' || isDataError(err)) return 400;
  return err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
}

/** The SQLSTATE of a database error, also when the query builder wraps it. */
function dataErrorCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 4; e = e.cause as typeof e, i++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/** Whether the database refused a value as data (SQLSTATE class 22: bad encoding, out-of-range dates and numbers, bad uuid text). */
function isDataError(err: unknown): boolean {
  return dataErrorCode(err)?.startsWith('22') ?? false;
}

/**
 * What the log keeps of an error: its kind, code, message and stack, never the values the
 * statement was sent with (a failed sign-up would otherwise log the new password's hash).
 */
export function serializeError(err: unknown): { type: string; message: string; stack: string; [key: string]: unknown } {
  if (!(err instanceof Error)) return { type: typeof err, message: String(err), stack: '' };
  // The query builder puts the values after "params:" in the message, and so at the head of the stack: cut them, keep the frames.
  const strip = (m: string): string => m.replace(/\nparams:[\s\S]*?(?=\n\s+at |$)/, '');
  const e = err as Error & { code?: unknown; statusCode?: unknown; cause?: unknown };
  const cause = e.cause instanceof Error ? { type: e.cause.name, message: strip(e.cause.message), code: (e.cause as { code?: unknown }).code } : undefined;
  return { type: e.name, message: strip(e.message), code: e.code, statusCode: e.statusCode, stack: strip(e.stack ?? ''), cause };
}

/**
 * What the log keeps of a request: its method, path and the address it came from. The query
 * string is left out (it carries searches for people's names and the tokens of mailed links), and
 * a path segment that is a token (an unsubscribe link) is masked.
 */
export function serializeRequest(req: { method: string; url: string; ip?: string; hostname?: string }): Record<string, string | undefined> {
  const path = req.url.split('?')[0] ?? '';
  const masked = path
    .split('/')
    // Slugs and ids are lower case; a long segment with anything else is a token.
    .map((segment) => (segment.length >= 24 && !/^[a-z0-9-]+$/.test(segment) ? '…' : segment))
    .join('/');
  return { method: req.method, url: masked, hostname: req.hostname, remoteAddress: req.ip };
}

/** Addresses a load balancer polls: they answer without a tenant, a session or a page. */
const HEALTH_PATHS = new Set(['/healthz', '/readyz']);

/**
 * `/healthz`: the process lives. `/readyz`: the database answers and every migration is applied,
 * so a load balancer sends visitors only to instances that can serve them (503 otherwise, and
 * while shutting down, when Fastify answers 503 to new requests by itself).
 */
function registerHealth(app: FastifyInstance, services: AppServices): void {
  let migrated = false;
  app.get('/healthz', ALWAYS_ANSWERED, async (_req, reply) => reply.header('cache-control', 'no-store').type('text/plain').send('ok'));
  app.get('/readyz', ALWAYS_ANSWERED, async (_req, reply) => {
    reply.header('cache-control', 'no-store').type('text/plain');
    if (services.lifecycle.draining) return reply.code(503).send('stopping');
    try {
      if (!migrated) {
        const status = await migrationStatus(services.database);
        migrated = status.applied >= status.expected;
        if (!migrated) return reply.code(503).send(`migrations pending: ${status.applied} of ${status.expected} applied`);
      } else {
        await services.database.db.execute(sql`select 1`);
      }
      return reply.send('ready');
    } catch {
      return reply.code(503).send('database not answering');
    }
  });
}

/** The cookie that holds a visitor's CSRF secret. */
export const CSRF_COOKIE = '_csrf';

/** What a CSRF token is bound to: the tenant and the session (none before signing in). */
function csrfUserInfo(req: FastifyRequest): string {
  return `${req.tenant?.id ?? '-'}|${req.sessionToken ? hashToken(req.sessionToken) : '-'}`;
}

function pageContext(req: FastifyRequest, reply: FastifyReply, nav: NavEntry[], has: (k: string) => boolean): PageContext {
  const t = req.t;
  let flash: PageContext['flash'] = null;
  const raw = req.cookies[FLASH_COOKIE];
  if (raw) {
    const unsigned = req.unsignCookie(raw);
    reply.clearCookie(FLASH_COOKIE, { path: '/' });
    if (unsigned.valid && unsigned.value) {
      try {
        const f = JSON.parse(unsigned.value) as { key: string; vars?: Record<string, string | number>; kind?: 'success' | 'error' };
        if (has(f.key)) flash = { text: t(f.key as MessageKey, f.vars), kind: f.kind === 'error' ? 'error' : 'success' };
      } catch {
        // an unreadable flash is dropped
      }
    }
  }
  const path = req.url.split('?')[0] ?? '/';
  let csrf: string | undefined;
  return {
    t,
    tr: (key, vars) => (has(key) ? t(key as MessageKey, vars) : t('platform.errors.invalid')),
    lang: req.lang,
    actor: req.actor,
    tenantName: req.tenant.name,
    timeZone: req.tenant.timeZone,
    path,
    url: req.url,
    // Made only when a form asks for it: a page without one sets no CSRF cookie.
    get csrf() {
      // A form's token is this visitor's own: the page is not kept for others.
      keepFromCache(req);
      csrf ??= reply.generateCsrf({ userInfo: csrfUserInfo(req) });
      return csrf;
    },
    flash,
    nav: nav.filter((n) => !n.visible || n.visible(req.actor)).map((n) => ({ href: n.href, label: t(n.label) })),
  };
}

/**
 * A path on this site to go back to after an action; anything else becomes the start page. The
 * value is parsed as a browser would (which drops tabs and newlines, so `/\t/evil.example` is
 * `//evil.example`, another host) and kept only when it stays on the same origin.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.length > 2000) return '/';
  const base = 'http://motesplats.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return '/';
  }
  if (url.origin !== base) return '/';
  const out = `${url.pathname}${url.search}${url.hash}`;
  // What is sent back must be the same path a second parse would give: no backslashes or doubled slashes at its start.
  if (!out.startsWith('/') || out.startsWith('//') || out.startsWith('/\\')) return '/';
  return out;
}
