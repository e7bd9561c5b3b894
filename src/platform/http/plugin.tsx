import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { type Actor, visitor } from '../authz/index.js';
import { statementCounter } from '../db/index.js';
import { type Lang, languages, type MessageKey, type TFn } from '../i18n/index.js';
import type { AppServices, NavEntry } from '../module.js';
import type { Tenant } from '../tenants/index.js';
import type { PageContext } from '../views/context.js';
import { ErrorPage } from '../views/error-page.js';
import { registerBenchMetrics } from './metrics.js';
import { readSession, SESSION_COOKIE } from './sessions.js';

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
  }
}

export type ActorLoader = (tenantId: string, userId: string) => Promise<Actor | null>;

/** The largest file a form takes; a module refuses smaller ones by its own rule. */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** A file from a multipart form, read into memory; `truncated` when it was over the limit. */
export interface UploadedFilePart {
  filename: string;
  data: Buffer;
  truncated: boolean;
}

const FLASH_COOKIE = 'flash';
const LANG_COOKIE = 'lang';
const publicDir = fileURLToPath(new URL('../../../public', import.meta.url));

/** Mounts sessions, tenants, language, CSRF, security headers, rendering and error pages. */
export async function registerPlatformHttp(app: FastifyInstance, services: AppServices, opts: { loadActor: ActorLoader; nav: NavEntry[] }): Promise<void> {
  const { config, translator, tenants, db } = services;
  const secure = config.secureCookies;

  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifyFormbody);
  // File uploads: fields become plain strings and a file becomes { filename, data, truncated },
  // read into memory up to the limit, so a handler can say "too large" on the form itself.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 30, parts: 32, fieldSize: 100_000 },
    async onFile(part) {
      const data = await part.toBuffer();
      (part as { value?: unknown }).value = { filename: part.filename, data, truncated: part.file.truncated } satisfies UploadedFilePart;
    },
  });
  // Security headers are the same on every answer: helmet works them out once, at start.
  const securityHeaders = headersOf(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          ...(secure ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      hsts: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: '_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure },
  });
  await app.register(fastifyRateLimit, {
    global: false,
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

  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/static/')) return;
    const tenant = await tenants.resolve(req.headers.host);
    if (!tenant) throw Object.assign(new Error('No tenant configured'), { statusCode: 503 });
    req.tenant = tenant;
    req.actor = visitor(tenant.id);
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const session = await readSession(db, tenant.id, token);
      const actor = session ? await opts.loadActor(tenant.id, session.userId) : null;
      if (actor) {
        req.actor = actor;
        req.sessionToken = token;
      }
    }
    const cookieLang = req.cookies[LANG_COOKIE];
    req.lang = languages.includes(cookieLang as Lang) ? (cookieLang as Lang) : (req.actor.user?.lang ?? 'sv');
    req.t = translator.t(req.lang);
  });

  app.addHook('onSend', async (_req, reply) => {
    const store = statementCounter.getStore();
    if (store) reply.header('x-sql-statements', String(store.count));
  });

  app.addHook('preHandler', (req, reply, done) => {
    if (req.method !== 'POST' || req.routeOptions.config?.skipCsrf) return done();
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

  // Switching language is kept for the session in a cookie, and works before signing in.
  app.get<{ Params: { lang: string }; Querystring: { next?: string } }>('/sprak/:lang', async (req, reply) => {
    const lang = languages.includes(req.params.lang as Lang) ? req.params.lang : 'sv';
    reply.setCookie(LANG_COOKIE, lang, { path: '/', httpOnly: true, sameSite: 'lax', secure });
    return reply.redirect(safeNext(req.query.next), 303);
  });

  app.setNotFoundHandler(async (req, reply) => {
    if (!req.tenant) return reply.code(404).type('text/plain').send('Not found');
    return reply.render((ctx) => <ErrorPage ctx={ctx} status={404} />, 404);
  });

  app.setErrorHandler(async (err: Error & { statusCode?: number; code?: string }, req, reply) => {
    let status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status === 401) {
      if (req.method === 'GET') return reply.redirect(`/logga-in?next=${encodeURIComponent(req.url)}`, 303);
      status = 403;
    }
    if (status >= 500) req.log.error({ err }, 'request failed');
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
      csrf ??= reply.generateCsrf();
      return csrf;
    },
    flash,
    nav: nav.filter((n) => !n.visible || n.visible(req.actor)).map((n) => ({ href: n.href, label: t(n.label) })),
  };
}

/** A local path to go back to after an action; anything else becomes the start page. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/** The headers a helmet middleware sets, read once from a stand-in response. */
function headersOf(middleware: ReturnType<typeof helmet>): Record<string, string> {
  const out: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => {
      out[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete out[name.toLowerCase()];
    },
  };
  middleware({} as Parameters<typeof middleware>[0], res as unknown as Parameters<typeof middleware>[1], () => {});
  return out;
}
