import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { exited, startService as start } from './helpers/process.js';

test('npm start on PGlite: loads the demo once, refuses a second process on the same DATA_DIR, closes cleanly on SIGTERM', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motesplats-start-'));
  try {
    const first = await start({ DATA_DIR: dir });
    assert.match(first.output(), /Borås demo data loaded now/);
    assert.match(first.output(), /admin@boras\.example/);
    const res = await fetch(`${first.url}/`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Dalsjöfors/);

    const second = await start({ DATA_DIR: dir }).then(
      () => assert.fail('a second process must not start'),
      (err: { code?: number; out?: string }) => err,
    );
    assert.equal(second.code, 1);
    assert.match(second.out ?? '', /in use by another Mötesplats process/);

    first.child.kill('SIGTERM');
    assert.equal(await exited(first.child), 0);
    assert.equal(fs.existsSync(path.join(dir, 'motesplats.lock')), false, 'the lock is released');

    const again = await start({ DATA_DIR: dir });
    assert.doesNotMatch(again.output(), /demo data loaded now/, 'the data survived the restart and is not loaded twice');
    again.child.kill('SIGINT');
    assert.equal(await exited(again.child), 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('npm start with DATABASE_URL uses PostgreSQL with the same migrations', {
  skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL is not set',
}, async () => {
  const name = `motesplats_start_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(process.env.TEST_DATABASE_URL as string);
    url.pathname = `/${name}`;
    const app = await start({ DATABASE_URL: url.toString() });
    assert.match(app.output(), /PostgreSQL \(DATABASE_URL\)/);
    const res = await fetch(`${app.url}/organisationer?q=hembygdsf%C3%B6rening`);
    assert.match(await res.text(), /Rångedala hembygdsförening/);
    app.child.kill('SIGTERM');
    assert.equal(await exited(app.child), 0);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
});

test('SIGTERM under load: /readyz turns the balancer away first, every request sent is answered, and the process exits cleanly', {
  timeout: 180_000,
}, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motesplats-drain-'));
  try {
    const app = await start({ DATA_DIR: dir, SHUTDOWN_DRAIN_SECONDS: '2' });
    const { hostname, port } = new URL(app.url);
    // One connection per request: a request is accepted when its connection is, so "refused" and
    // "answered" are the only outcomes allowed. A page made anew each time (no-cache) keeps work in flight.
    const outcomes = { ok: 0, closing: 0, refused: 0, dropped: [] as string[] };
    let signalledAt = 0;
    let finishedAfterSignal = 0;
    const once = () =>
      new Promise<boolean>((resolve) => {
        const started = performance.now();
        const req = http.get({ hostname, port, path: '/ortsrad/fristad', agent: false, headers: { 'cache-control': 'no-cache' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString();
            if (res.statusCode === 200 && body.includes('</html>')) {
              outcomes.ok++;
              if (signalledAt && started < signalledAt) finishedAfterSignal++;
            } else if (res.statusCode === 503) outcomes.closing++;
            else outcomes.dropped.push(`status ${res.statusCode}`);
            resolve(true);
          });
          res.on('error', (err) => {
            outcomes.dropped.push(`answer cut: ${err.message}`);
            resolve(true);
          });
        });
        req.on('error', (err: NodeJS.ErrnoException) => {
          if (err.code === 'ECONNREFUSED') {
            outcomes.refused++;
            resolve(false);
          } else {
            outcomes.dropped.push(`${err.code ?? ''} ${err.message}`);
            resolve(true);
          }
        });
      });
    // A load balancer: it asks /readyz every 100 ms and sends no new request once told the service is stopping.
    let stopping = false;
    const balancer = (async () => {
      while (!stopping) {
        const ready = await fetch(`${app.url}/readyz`).catch(() => null);
        if (ready?.status === 503) stopping = true;
        else await new Promise((r) => setTimeout(r, 100));
      }
    })();
    // Eight clients behind it, each sending the next request as soon as the last is answered.
    const loops = Array.from({ length: 8 }, async () => {
      for (let i = 0; i < 5000 && !stopping && (await once()); i++);
    });
    await new Promise((r) => setTimeout(r, 1500));
    signalledAt = performance.now();
    app.child.kill('SIGTERM');
    await Promise.all([balancer, ...loops]);
    assert.equal(await exited(app.child), 0, 'a clean exit');
    assert.deepEqual(outcomes.dropped, [], 'no request was dropped');
    assert.equal(outcomes.refused, 0, 'none was refused: the balancer had stopped sending before the service stopped listening');
    assert.ok(outcomes.ok > 20, `requests answered under load: ${outcomes.ok}`);
    assert.ok(finishedAfterSignal > 0, 'requests in flight at the signal were finished');
    assert.ok((await fetch(`${app.url}/healthz`).catch(() => null)) === null, 'and then it no longer listens');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
