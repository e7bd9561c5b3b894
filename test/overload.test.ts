import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { createTestApp } from './helpers/app.js';

/** Holds the event loop as an overloaded process would: nothing else runs meanwhile. */
function block(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy on purpose
  }
}

test('past its capacity the service answers 503 with Retry-After at once, keeps answering the health checks, and recovers when the load falls', async (t) => {
  const ta = await createTestApp(t, 'pglite', { OVERLOAD_EVENT_LOOP_DELAY_MS: '50', OVERLOAD_RETRY_AFTER_SECONDS: '7' });
  const visitor = ta.client();
  assert.equal((await visitor.get('/')).statusCode, 200);

  block(1200);
  // The sampler runs as soon as the loop is free, and sees the delay.
  await sleep(30);
  const shed = await visitor.get('/ortsrad/fristad');
  assert.equal(shed.statusCode, 503);
  assert.equal(shed.headers['retry-after'], '7');
  assert.equal(shed.headers['cache-control'], 'no-store');
  assert.match(shed.body, /Tjänsten är hårt belastad/);
  assert.match(shed.body, /The service is very busy/);
  assert.ok(shed.headers['content-security-policy'], 'the busy page carries the security headers');
  assert.equal(shed.headers['x-sql-statements'], undefined, 'no database work for a shed request');
  // The load balancer still learns that the instance lives and is ready.
  assert.equal((await visitor.get('/healthz')).statusCode, 200);
  assert.equal((await visitor.get('/readyz')).statusCode, 200);

  // Once the loop is free again, the next sample lets requests through.
  let status = 0;
  for (let i = 0; i < 20 && status !== 200; i++) {
    await sleep(250);
    status = (await visitor.get('/ortsrad/fristad')).statusCode;
  }
  assert.equal(status, 200, 'recovered');
});

test('on PostgreSQL, requests piling up in front of the database are shed too, though the event loop is idle', {
  skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL is not set',
}, async (t) => {
  // The test database's pool has five connections: five slow queries take them, five more wait.
  const ta = await createTestApp(t, 'postgres', { OVERLOAD_DB_QUEUE: '3', OVERLOAD_RETRY_AFTER_SECONDS: '4' });
  const visitor = ta.client();
  assert.equal((await visitor.get('/ortsrad/fristad')).statusCode, 200);
  const slow = Array.from({ length: 10 }, () => Promise.resolve(ta.database.db.execute(sql`select pg_sleep(1.2)`)));
  await sleep(350);
  assert.ok(ta.database.waiting() > 3, `queries wait for a connection: ${ta.database.waiting()}`);
  const shed = await visitor.get('/ortsrad/fristad');
  assert.equal(shed.statusCode, 503);
  assert.equal(shed.headers['retry-after'], '4');
  assert.equal(shed.headers['x-sql-statements'], undefined, 'no database work for a shed request');
  assert.equal((await visitor.get('/healthz')).statusCode, 200);
  await Promise.all(slow);
  let status = 0;
  for (let i = 0; i < 20 && status !== 200; i++) {
    await sleep(150);
    status = (await visitor.get('/ortsrad/fristad')).statusCode;
  }
  assert.equal(status, 200, 'recovered once the queue emptied');
});
