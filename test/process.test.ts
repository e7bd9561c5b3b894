import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
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
