#!/usr/bin/env node
// Runs every test: integration tests on PGlite and PostgreSQL, and browser tests in the system
// Chromium. Says plainly what it skips; with CI=true (or REQUIRE_POSTGRES / REQUIRE_BROWSER) a
// missing database or browser fails the run instead.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const requirePostgres = ci || process.env.REQUIRE_POSTGRES === '1';
const requireBrowser = ci || process.env.REQUIRE_BROWSER === '1';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const filter = process.argv.slice(2);

function find(dir) {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts') && !f.includes('node_modules'))
    .map((f) => path.join(dir, f))
    .sort();
}

const env = { ...process.env };
if (!env.TEST_DATABASE_URL) {
  const fallback = 'postgres://postgres@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: fallback, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    env.TEST_DATABASE_URL = fallback;
    console.log(`PostgreSQL: using ${fallback} (set TEST_DATABASE_URL to choose another server).`);
  } catch {
    if (requirePostgres) {
      console.error(`PostgreSQL is required but not reachable at ${fallback}; set TEST_DATABASE_URL.`);
      process.exit(1);
    }
    console.log('PostgreSQL: SKIPPED, no server reachable. Integration tests run on PGlite only. Set TEST_DATABASE_URL to run them on PostgreSQL too.');
  }
} else {
  console.log('PostgreSQL: using TEST_DATABASE_URL.');
}

let files = [...find('src'), ...find('test').filter((f) => !f.startsWith(`test${path.sep}browser`))];
const browserFiles = find('test/browser');
if (fs.existsSync(chromium)) {
  files.push(...browserFiles);
  console.log(`Browser tests: running in ${chromium}.`);
} else if (requireBrowser) {
  console.error(`Browser tests are required but Chromium is missing at ${chromium} (apt-get install -y chromium).`);
  process.exit(1);
} else {
  console.log(`Browser tests: SKIPPED, no Chromium at ${chromium} (apt-get install -y chromium). ${browserFiles.length} files not run.`);
}
if (filter.length) files = files.filter((f) => filter.some((x) => f.includes(x)));

// Build the seeded template databases once, before test files run in parallel.
const prep = spawnSync(process.execPath, ['--import', 'tsx', 'test/helpers/prepare.ts'], { cwd: root, env, stdio: 'inherit' });
if (prep.status !== 0) process.exit(prep.status ?? 1);

const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
