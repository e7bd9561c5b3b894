import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Changes } from '../changes.js';
import type { Config } from '../config.js';
import type { Database } from '../db/index.js';
import type { TenantResolver } from '../tenants/index.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A page every visitor who is not signed in sees alike: kept and given out again (SHARED_PAGE). */
    sharedPage?: boolean;
  }
}

/**
 * Route options of a page that every visitor who is not signed in sees alike, in one language at
 * one address of one tenant: it may be kept by the render cache and given out again until the
 * tenant's data changes. Only for pages made from the tenant's data and the address alone, never
 * from a cookie, a header or the visitor's address.
 */
export const SHARED_PAGE = { config: { sharedPage: true } } as const;

/**
 * The tables no visitor's page is made from: a write to them does not advance the tenant's data
 * version (the trigger data_version is on every other table; test/render-cache.test.ts holds the
 * database and this list together). A new table gets the trigger in its migration unless it
 * belongs here.
 */
export const TABLES_WITHOUT_DATA_VERSION = [
  'data_versions',
  'sessions',
  'rate_limits',
  'jobs',
  'dev_outbox',
  'oidc_flows',
  'parked_forms',
  'digests',
  'notifications',
  'email_tokens',
  'audit_log',
  'form_submissions',
  'calendar_keys',
] as const;

interface Entry {
  version: number;
  at: number;
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  bytes: number;
}

/** Headers of an answer that belong to that answer alone and are never kept. */
const NOT_KEPT = new Set(['set-cookie', 'content-length', 'x-sql-statements', 'x-sql-sections']);

/**
 * Pages kept in this process, least recently used first out when the memory set aside is full.
 * An entry is given out only under the data version it was made at and within the time to live.
 */
export class RenderCache {
  private entries = new Map<string, Entry>();
  private used = 0;

  constructor(
    private maxBytes: number,
    private ttlMs: number,
  ) {}

  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string, version: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.version !== version || Date.now() - entry.at >= this.ttlMs) {
      if (entry.version <= version) this.remove(key, entry);
      return undefined;
    }
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: Entry): void {
    // One page may take an eighth of the whole at most; an older version never replaces a newer one.
    if (entry.bytes > this.maxBytes / 8) return;
    const old = this.entries.get(key);
    if (old && old.version > entry.version) return;
    if (old) this.remove(key, old);
    for (const [k, e] of this.entries) {
      if (this.used + entry.bytes <= this.maxBytes) break;
      this.remove(k, e);
    }
    this.entries.set(key, entry);
    this.used += entry.bytes;
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.used -= entry.bytes;
  }
}

/**
 * Reads tenants' data versions, one read at a time per tenant: a request that arrives while a read
 * is under way waits for the next one, which is sent when that one returns and serves every request
 * that arrived meanwhile. A read serves only requests that arrived before it was sent, so none is
 * given a version older than a write committed before it arrived; under load a few reads serve
 * many requests.
 */
export class VersionReader {
  private reads = new Map<string, { running: Promise<number> | null; next: Promise<number> | null }>();

  constructor(private read: (tenantId: string) => Promise<number>) {}

  version(tenantId: string): Promise<number> {
    let state = this.reads.get(tenantId);
    if (!state) {
      state = { running: null, next: null };
      this.reads.set(tenantId, state);
    }
    const s = state;
    if (!s.running) return this.send(tenantId, s);
    const after = () => {
      s.next = null;
      return this.send(tenantId, s);
    };
    s.next ??= s.running.then(after, after);
    return s.next;
  }

  private send(tenantId: string, s: { running: Promise<number> | null }): Promise<number> {
    const read = this.read(tenantId);
    s.running = read;
    const done = () => {
      if (s.running === read) s.running = null;
    };
    read.then(done, done);
    return read;
  }
}

interface RequestState {
  key: string;
  version: number;
  hit: boolean;
  personal: boolean;
}

const states = new WeakMap<FastifyRequest, RequestState>();

/** Says that the page being made holds something of this visitor's own (a form's token): it is not kept. */
export function keepFromCache(req: FastifyRequest): void {
  const state = states.get(req);
  if (state) state.personal = true;
}

/**
 * Gives a visitor who is not signed in a kept page when the tenant's data has not changed since it
 * was made, and keeps what such a visitor is given. The data version is read before anything else
 * of the page: a page made while a write commits is kept under the older version, and so never
 * given out after that write. `personal` says whether a request is someone's own (signed in, a
 * one-time message to show): those are neither given kept pages nor kept. Registered after the
 * tenant, the session and the language are known.
 */
export function registerRenderCache(
  app: FastifyInstance,
  opts: { config: Config; database: Database; changes: Changes; tenants: TenantResolver; personal: (req: FastifyRequest) => boolean },
): RenderCache | null {
  const { maxBytes, ttlMs } = opts.config.renderCache;
  if (maxBytes <= 0) return null;
  const cache = new RenderCache(maxBytes, ttlMs);
  // Tenants are few and known (resolved from the host), so the map of reads stays small.
  const versions = new VersionReader((tenantId) => opts.database.dataVersion(tenantId));

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.method !== 'GET' || !req.routeOptions.config?.sharedPage || !req.tenant || opts.personal(req)) return;
    const version = await versions.version(req.tenant.id);
    if (opts.changes.observe(req.tenant.id, version)) {
      // What this process knew of the tenant itself was cleared too: the page is made from the tenant as it is now.
      const tenant = await opts.tenants.resolve(req.headers.host);
      if (tenant?.id !== req.tenant.id) return;
      req.tenant = tenant;
    }
    const key = `${req.tenant.id}\n${req.protocol}://${req.headers.host ?? ''}\n${req.lang}\n${req.url}`;
    const state: RequestState = { key, version, hit: false, personal: false };
    states.set(req, state);
    // A reload that asks for a fresh answer gets one (and keeps it for the next visitor).
    if (/no-cache/i.test(req.headers['cache-control'] ?? '')) return;
    const entry = cache.get(key, version);
    if (!entry) return;
    state.hit = true;
    return reply.code(entry.status).headers(entry.headers).send(entry.body);
  });

  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const state = states.get(req);
    if (!state || state.hit || state.personal || reply.statusCode !== 200 || reply.hasHeader('set-cookie')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined && !NOT_KEPT.has(name)) headers[name] = Array.isArray(value) ? value : String(value);
    }
    // Kept as bytes: a page given out again is not encoded again.
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    cache.set(state.key, { version: state.version, at: Date.now(), status: 200, headers, body, bytes: body.length + 512 });
    return payload;
  });

  return cache;
}
