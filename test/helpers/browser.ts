import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import type { Database } from '../../src/platform/db/index.js';
import type { AppServices } from '../../src/platform/module.js';
import { freshDatabase } from './db.js';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The real server on a fresh PGlite copy, listening on loopback, with the mail worker running. */
export async function startServer(t: TestContext, env: Record<string, string> = {}): Promise<string> {
  return (await startServerWithDatabase(t, env)).url;
}

/** The same server, with its database for a test to set up what it needs. */
export async function startServerWithDatabase(
  t: TestContext,
  env: Record<string, string> = {},
): Promise<{ url: string; database: Database; services: AppServices }> {
  const database = await freshDatabase('pglite');
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_AUTH_PER_MINUTE: '1000', ...env });
  const { app, services } = await buildApp(config, database);
  // A test that registers the address elsewhere first (an OpenID provider's redirect URI) chooses the port.
  await app.listen({ port: env.PORT ? Number(env.PORT) : 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  services.config.baseUrl = url;
  services.jobs.start();
  t.after(async () => {
    await services.jobs.stop();
    // Chromium keeps sockets open that have not sent a request yet; Node counts them as busy until
    // their header timeout (a minute), so a test's server drops them rather than wait.
    app.server.closeAllConnections();
    await app.close();
    await database.close();
  });
  return { url, database, services };
}

/** A fresh Chromium profile, headless, with the flags this machine needs. */
export async function openBrowser(t: TestContext, opts: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motesplats-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // A step that cannot happen fails the test in seconds instead of hanging it.
  context.setDefaultTimeout(20_000);
  t.after(async () => {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return context;
}

/** Signs in through the sign-in form as a demo person (their password), and waits to be taken on to `next`. */
export async function signIn(page: Page, base: string, email: string, next = '/'): Promise<void> {
  await page.goto(`${base}/logga-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill('motesplats-demo');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/logga-in'));
}

/** Runs axe-core on the page and fails with the list of violations, if any. Needs a page that runs scripts. */
export async function checkA11y(page: Page): Promise<void> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
  });
  const problems = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  assert.deepEqual(problems, [], `axe-core violations on ${page.url()}`);
}

/** Goes to a URL, checks it answered, and runs axe-core on it. */
export async function visit(page: Page, url: string, status = 200): Promise<void> {
  const res = await page.goto(url);
  assert.equal(res?.status(), status, url);
  await checkA11y(page);
}
