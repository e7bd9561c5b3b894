import type { TestContext } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import type { Database } from '../../src/platform/db/index.js';
import type { AppServices } from '../../src/platform/module.js';
import { type Engine, freshDatabase } from './db.js';
import { TESTBY_HOST } from './testby.js';

export const BORAS_HOST = 'localhost';
export { TESTBY_HOST };
export const PASSWORD = 'motesplats-demo';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  services: AppServices;
  /** Runs every queued job now (mail delivery), as the worker would. */
  drain(): Promise<number>;
  /** A browser-like client on a host; `remoteAddress` is where its requests come from (loopback unless given). */
  client(host?: string, remoteAddress?: string): Client;
}

/** The real app on a fresh copy of the seeded database; closed when the test ends. */
export async function createTestApp(t: TestContext, engine: Engine, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await freshDatabase(engine);
  // Shedding is the overload tests' to ask for (they pass their thresholds); a test app in production mode sheds nothing.
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_AUTH_PER_MINUTE: '1000',
    BASE_URL: 'http://localhost',
    OVERLOAD_EVENT_LOOP_DELAY_MS: '0',
    OVERLOAD_DB_QUEUE: '0',
    ...env,
  });
  const { app, services } = await buildApp(config, database);
  await app.ready();
  // What the seed's commands set in motion (notices of the demo's applications, reports and
  // decisions) runs before the test starts, as a worker would run it right after the demo loads,
  // so no test races it.
  await services.jobs.drain();
  t.after(async () => {
    await app.close();
    await database.close();
  });
  return {
    app,
    database,
    services,
    drain: () => services.jobs.drain(),
    client: (host = BORAS_HOST, remoteAddress?: string) => new Client(app, host, remoteAddress),
  };
}

/** A browser-like client: keeps cookies, reads the CSRF token from the page a form is on. */
export class Client {
  private cookies = new Map<string, string>();
  constructor(
    private app: FastifyInstance,
    private host: string,
    private remoteAddress = '127.0.0.1',
  ) {}

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Sets (or with undefined, forgets) a cookie, as a hostile page or a copied cookie would. */
  setCookie(name: string, value: string | undefined): void {
    if (value === undefined) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }

  /** The Cookie header this client sends. */
  cookieHeader(): string {
    return this.header();
  }

  private header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method: 'GET',
      url,
      remoteAddress: this.remoteAddress,
      headers: { ...headers, host: this.host, cookie: this.header() },
    });
    this.remember(res);
    return res;
  }

  /** Posts a form as a browser would: the CSRF token comes from the page at `from` (default: the same URL). */
  async post(url: string, form: Record<string, string>, opts: { from?: string; csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams(form);
    if (opts.csrf !== false) {
      const page = await this.get(opts.from ?? url);
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
      if (!token) throw new Error(`no CSRF token on ${opts.from ?? url} (status ${page.statusCode})`);
      body.set('_csrf', token);
    }
    const res = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.remoteAddress,
      headers: { host: this.host, cookie: this.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.remember(res);
    return res;
  }

  /** Signs in through the sign-in form; fails the test if it does not succeed. */
  async signIn(email: string, password = PASSWORD): Promise<this> {
    const res = await this.post('/logga-in', { email, password, next: '/' });
    if (res.statusCode !== 303) throw new Error(`sign-in as ${email} failed: ${res.statusCode}`);
    return this;
  }
}

/** The text of a page without tags, for assertions about what a person reads. */
export function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}

/** The last mail in the development outbox to an address, read from the database. */
export async function lastMailTo(ta: TestApp, to: string): Promise<{ subject: string; text: string } | undefined> {
  await ta.drain();
  const { devOutbox } = await import('../../src/platform/mail/schema.js');
  const { desc, eq } = await import('drizzle-orm');
  const [m] = await ta.database.db.select().from(devOutbox).where(eq(devOutbox.to, to)).orderBy(desc(devOutbox.createdAt)).limit(1);
  return m ? { subject: m.subject, text: m.text } : undefined;
}

/** The first link in a mail's text. */
export function linkIn(mail: { text: string } | undefined): string {
  const m = /https?:\/\/[^\s/]+(\/\S*)/.exec(mail?.text ?? '');
  if (!m?.[1]) throw new Error('no link in mail');
  return m[1];
}

/** The fields of the first form on a page that posts to `action`, with the values it shows. */
export function formValues(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const out: Record<string, string> = {};
  const decode = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  for (const m of form.matchAll(/<input[^>]*\bname="([^"]+)"[^>]*>/g)) {
    const tag = m[0];
    if (/type="(checkbox|radio)"/.test(tag) && !/\bchecked\b/.test(tag)) continue;
    out[m[1] as string] = decode(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '');
  }
  for (const m of form.matchAll(/<textarea[^>]*\bname="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) out[m[1] as string] = decode(m[2] as string);
  for (const m of form.matchAll(/<select[^>]*\bname="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    // The selected option, else the first (as a browser sends it); `<option value>` is an empty value.
    const options = [...(m[2] as string).matchAll(/<option\b([^>]*)>/g)].map((o) => o[1] as string);
    const chosen = options.find((o) => /\bselected\b/.test(o)) ?? options[0] ?? '';
    out[m[1] as string] = decode(/\bvalue="([^"]*)"/.exec(chosen)?.[1] ?? '');
  }
  return out;
}
