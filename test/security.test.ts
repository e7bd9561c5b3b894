import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { startBanner } from '../src/banner.js';
import { simplePdf } from '../src/demo/pdf.js';
import { loadConfig } from '../src/platform/config.js';
import { rowsOf } from '../src/platform/db/index.js';
import { safeNext, serializeError } from '../src/platform/http/plugin.js';
import { TenantResolver } from '../src/platform/tenants/index.js';
import { BORAS_HOST, createTestApp, TESTBY_HOST, type TestApp, text } from './helpers/app.js';
import { engines } from './helpers/db.js';
import { addMeeting, demoMeeting, postFile } from './helpers/meetings.js';
import { minimalDocx, storedZip } from './helpers/zip.js';

const SECRET_ACTION = 'Utred den hemliga brandskyddsfrågan';

/** A members-only Fristad meeting last month whose published minutes give an action item. */
async function membersOnlyActionItem(ta: TestApp): Promise<void> {
  const startsAt = new Date(Date.now() - 20 * 86_400_000);
  await addMeeting(ta, 'fristad', {
    title: 'Internt styrelsemöte',
    visibility: 'members',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
    agenda: [{ title: 'Brandskydd' }],
    minutes: {
      status: 'published',
      preamble: 'Internt.',
      items: [{ discussion: 'Diskuterades.', decisions: '', actions: [{ description: SECRET_ACTION, owner: 'Styrelsen', due: '2027-01-15' }] }],
      checkerIds: [],
    },
  });
}

/** Sends a request's head and the start of its body, and returns what the server answers before the rest is sent ('' if nothing within 3 s). */
function answerBeforeBody(port: number, head: string, start: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let got = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(got);
    };
    const timer = setTimeout(done, 3000);
    socket.on('data', (d) => {
      got += d.toString('latin1');
      if (got.includes('\r\n\r\n')) done();
    });
    socket.on('error', done);
    socket.write(head);
    socket.write(start);
  });
}

for (const engine of engines) {
  describe(`security on ${engine}`, () => {
    test('action items of a members-only meeting are seen only by those who may see the meeting', async (t) => {
      const ta = await createTestApp(t, engine);
      await membersOnlyActionItem(ta);
      const next = await demoMeeting(ta, 'fristad', 'next');
      const pages = ['/ortsrad/fristad/atgarder', '/ortsrad/fristad', `/moten/${next}`];
      const visitor = ta.client();
      const outsider = await ta.client().signIn('handlaggare@boras.example');
      for (const page of pages) {
        for (const c of [visitor, outsider]) {
          const res = await c.get(page);
          assert.equal(res.statusCode, 200, page);
          assert.doesNotMatch(text(res.body), new RegExp(SECRET_ACTION), `${page} hides the members-only action item`);
        }
      }
      const member = await ta.client().signIn('invanare@boras.example');
      assert.match(text((await member.get('/ortsrad/fristad/atgarder')).body), new RegExp(SECRET_ACTION), 'a member of the council sees it');
      const contact = await ta.client().signIn('kontaktperson@boras.example');
      assert.match(text((await contact.get('/ortsrad/fristad')).body), new RegExp(SECRET_ACTION), 'and so does its contact person');
    });

    test('the development outbox opens only to an administrator or from this machine, never in production', async (t) => {
      const ta = await createTestApp(t, engine);
      const far = '203.0.113.7';
      assert.equal((await ta.client(BORAS_HOST, far).get('/dev/outbox')).statusCode, 404, 'a visitor from elsewhere');
      assert.equal((await (await ta.client(BORAS_HOST, far).signIn('invanare@boras.example')).get('/dev/outbox')).statusCode, 404, 'a resident');
      assert.equal((await (await ta.client(BORAS_HOST, far).signIn('admin@boras.example')).get('/dev/outbox')).statusCode, 200, 'an administrator');
      assert.equal((await ta.client(BORAS_HOST, '127.0.0.1').get('/dev/outbox')).statusCode, 200, 'someone at the machine');
      assert.equal((await ta.client(BORAS_HOST, '::1').get('/dev/outbox')).statusCode, 200);

      // Behind a trusted proxy on this machine, the visitor's own address counts, not the proxy's.
      const proxied = await createTestApp(t, engine, { TRUST_PROXY: '127.0.0.1' });
      const via = (forwarded: string) =>
        proxied.app.inject({ method: 'GET', url: '/dev/outbox', remoteAddress: '127.0.0.1', headers: { host: BORAS_HOST, 'x-forwarded-for': forwarded } });
      assert.equal((await via(far)).statusCode, 404);
      assert.equal((await via('127.0.0.1')).statusCode, 200);

      const prod = await createTestApp(t, engine, { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) });
      assert.equal((await prod.client(BORAS_HOST, '127.0.0.1').get('/dev/outbox')).statusCode, 404);
      assert.equal((await (await prod.client(BORAS_HOST).signIn('admin@boras.example')).get('/dev/outbox')).statusCode, 404);
    });

    test('a CSRF token made for another tenant, or before signing in, is refused', async (t) => {
      const ta = await createTestApp(t, engine);
      const other = ta.client(TESTBY_HOST);
      const page = await other.get('/logga-in');
      const foreignToken = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
      const foreignSecret = other.cookie('_csrf');
      assert.ok(foreignToken && foreignSecret);

      const b = await ta.client().signIn('invanare@boras.example');
      b.setCookie('_csrf', foreignSecret);
      const res = await b.post('/profil', { name: 'Kapad', lang: 'sv', _csrf: foreignToken }, { csrf: false });
      assert.equal(res.statusCode, 403, "another tenant's token and cookie do not pass on Borås");

      // A token taken before signing in no longer passes afterwards: the secret is renewed.
      const c = ta.client();
      const before = /name="_csrf" value="([^"]+)"/.exec((await c.get('/tillganglighet')).body)?.[1] as string;
      const beforeSecret = c.cookie('_csrf') as string;
      await c.signIn('invanare@boras.example');
      assert.notEqual(c.cookie('_csrf'), beforeSecret, 'signing in gives a new secret');
      c.setCookie('_csrf', beforeSecret);
      assert.equal((await c.post('/profil', { name: 'Kapad', lang: 'sv', _csrf: before }, { csrf: false })).statusCode, 403);
      const [row] = rowsOf<{ name: string }>(await ta.database.db.execute(sql`select name from users where email = 'invanare@boras.example'`));
      assert.notEqual(row?.name, 'Kapad');
      // The person's own form still works.
      assert.equal((await c.post('/profil', { name: 'Ingrid Invånare', lang: 'sv' })).statusCode, 303);
    });

    test("the session cookie's expiry moves on with the session while the person is active", async (t) => {
      const ta = await createTestApp(t, engine);
      const c = await ta.client().signIn('invanare@boras.example');
      await ta.database.db.execute(sql`update sessions set updated_at = now() - interval '2 hours', expires_at = now() + interval '3 days'`);
      const res = await c.get('/');
      const sid = (res.cookies as { name: string; maxAge?: number }[]).find((x) => x.name === 'sid');
      assert.equal(sid?.maxAge, 14 * 86_400, 'the cookie is sent again with the full fourteen days');
      const [row] = rowsOf<{ days: number }>(
        await ta.database.db.execute(sql`select round(extract(epoch from (expires_at - now())) / 86400)::int as days from sessions limit 1`),
      );
      assert.equal(row?.days, 14);
      const quiet = await c.get('/');
      assert.equal(
        (quiet.cookies as { name: string }[]).some((x) => x.name === 'sid'),
        false,
        'not on every page',
      );
    });

    test('bad input in addresses and query strings answers 400 or 404 pages, never 500', async (t) => {
      const ta = await createTestApp(t, engine);
      const visitor = ta.client();
      const admin = await ta.client().signIn('admin@boras.example');
      const next = await demoMeeting(ta, 'fristad', 'next');
      const urls = [
        '/organisationer?q=%00',
        '/organisationer?q=a%00b&efter=%00',
        '/moten/%00',
        '/motesplatser/%00',
        '/ortsrad/%00',
        '/orter/%00',
        '/kalender?fran=2026-13-45',
        '/kalender?till=2026-02-31',
        '/kalender?fran=0000-01-01',
        '/kalender?efter=0000-01-01T00:00:00Z&id=aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa',
        '/kalender?efter=20000-01-01T00:00:00Z&id=x',
        '/kalender?ortsrad=%00',
        `/moten/${next}/dokument/${'a'.repeat(36)}`,
        `/moten/${next}/dokument/not-a-uuid`,
        `/moten/${next}/protokoll?version=%00`,
        `/moten/${next}/protokoll?version=99999999999999999999`,
        '/ortsrad/fristad/atgarder?efter=%00',
        '/ortsrad/fristad/organisationer?efter=%00&id=%00',
        `/kalender/person/${'a'.repeat(36)}/x.ics`,
        '/verifiera?token=%00',
        '/aterstall-losenord?token=%00',
        '/inbjudan?token=%00',
        '/sprak/%00?next=/',
        '/admin/anvandare?q=%00',
        '/admin/anvandare?afterName=%00&afterId=x',
        '/admin/organisationer?q=%00',
        '/admin/logg?person=%00&from=2026-13-45',
        '/admin/logg?before=99999999999999999999999',
        `/admin/anvandare/${'a'.repeat(36)}`,
        '/admin/anvandare/%00',
        '/admin/orter/%00',
      ];
      for (const url of urls) {
        for (const c of [visitor, admin]) {
          const res = await c.get(url);
          assert.ok(res.statusCode < 500, `${url} answered ${res.statusCode}`);
          if (res.statusCode >= 400) assert.match(String(res.headers['content-type']), /text\/html/, `${url} is a page`);
        }
      }
      assert.equal((await visitor.get('/moten/%00')).statusCode, 404);
      assert.equal(
        (await visitor.get('/kalender?fran=2026-13-45')).statusCode,
        200,
        'a filter date that does not exist is dropped: the calendar shows from today',
      );
      assert.equal((await visitor.get('/organisationer?q=%00')).statusCode, 400);

      // A path that cannot be decoded gets a page with the usual headers, not Fastify's JSON.
      const bad = await visitor.get('/ortsrad/%E0%A4%A');
      assert.equal(bad.statusCode, 400);
      assert.match(String(bad.headers['content-type']), /text\/html/);
      assert.match(String(bad.headers['content-security-policy']), /default-src 'self'/);
      assert.match(bad.body, /Adressen kunde inte tolkas/);
    });

    test('a NUL byte in any form is a form error in the person’s language, and nothing is saved', async (t) => {
      const ta = await createTestApp(t, engine);
      const visitor = ta.client();
      const signUp = await visitor.post('/registrera', {
        name: 'Ann\u0000a',
        email: 'nul@example.se',
        password: 'lösenord-123',
        passwordConfirm: 'lösenord-123',
      });
      assert.equal(signUp.statusCode, 422);
      assert.match(text(signUp.body), /styrtecken/);
      assert.match(signUp.body, /value="Anna"/, 'what was typed comes back, less the NUL');
      const feedback = await visitor.post('/tillganglighet', { message: 'Knappen\u0000 saknar etikett', page: '/', email: '' });
      assert.equal(feedback.statusCode, 422);
      const member = await ta.client().signIn('invanare@boras.example');
      const profile = await member.post('/profil', { name: 'Ingrid\u0000', lang: 'sv' });
      assert.equal(profile.statusCode, 422);
      await member.get('/sprak/en?next=/');
      const english = await member.post('/profil', { name: 'Ingrid\u0000', lang: 'en' });
      assert.match(text(english.body), /control characters/);
      const signIn = await ta.client().post('/logga-in', { email: 'invanare@boras.example\u0000', password: 'x', next: '/' });
      assert.equal(signIn.statusCode, 422);
      const n = rowsOf<{ n: number }>(await ta.database.db.execute(sql`select count(*)::int as n from users where email = 'nul@example.se'`))[0]?.n;
      assert.equal(n, 0);
      // Every other form the demo offers refuses one too, rather than failing.
      const secretary = await ta.client().signIn('sekreterare@boras.example');
      const next = await demoMeeting(ta, 'fristad', 'next');
      for (const [url, form] of [
        [`/moten/${next}/anmalan`, { status: 'registered', note: '\u0000' }],
        [`/moten/${next}/dagordning`, { title: 'Punkt\u0000', minutes: '10' }],
        [`/moten/${next}/stall-in`, { reason: '\u0000' }],
        ['/ortsrad/fristad/medlemmar', { email: '\u0000@example.se', role: 'member' }],
      ] as [string, Record<string, string>][]) {
        const res = await secretary.post(url, form, { from: url.includes('anmalan') || url.includes('stall-in') ? `/moten/${next}` : url });
        assert.ok(res.statusCode < 500, `${url} answered ${res.statusCode}`);
      }
    });

    test('multipart bodies are refused before they are read, except by the routes that take files, after their checks', async (t) => {
      const ta = await createTestApp(t, engine);
      await ta.app.listen({ port: 0, host: '127.0.0.1' });
      const port = (ta.app.server.address() as net.AddressInfo).port;
      const boundary = 'x-boundary';
      const big = 9 * 1024 * 1024;
      const start = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
      );
      const head = (path: string, cookie = '') =>
        `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${big}\r\n${cookie ? `Cookie: ${cookie}\r\n` : ''}\r\n`;

      const logout = await answerBeforeBody(port, head('/logga-ut'), start);
      assert.match(logout, /^HTTP\/1\.1 415/, 'a route that takes no files refuses at once');

      const next = await demoMeeting(ta, 'fristad', 'next');
      const anonymous = await answerBeforeBody(port, head(`/moten/${next}/dokument`), start);
      assert.match(anonymous, /^HTTP\/1\.1 403/, 'a visitor is refused before the file is read');

      const secretary = await ta.client().signIn('sekreterare@boras.example');
      await secretary.get(`/moten/${next}/dagordning`);
      const noToken = await answerBeforeBody(port, head(`/moten/${next}/dokument`, secretary.cookieHeader()), start);
      assert.match(noToken, /^HTTP\/1\.1 403/, 'a form without its CSRF token is refused before the file is read');
    });

    test('a file is taken for what its contents are, and its name loses direction overrides', async (t) => {
      const ta = await createTestApp(t, engine);
      const secretary = await ta.client().signIn('sekreterare@boras.example');
      const next = await demoMeeting(ta, 'fristad', 'next');
      const from = `/moten/${next}/dagordning`;
      const url = `/moten/${next}/dokument`;
      const upload = (file: { name: string; type: string; data: Buffer }) => postFile(ta, secretary, url, from, { agendaItemId: '', isPublic: 'on' }, file);
      const script = storedZip([{ name: 'run.sh', data: '#!/bin/sh\nrm -rf /\n' }]);
      const disguised = await upload({ name: 'protokoll.docx', type: 'application/msword', data: script });
      assert.equal(disguised.statusCode, 422, 'a zip holding a script, renamed .docx, is not a Word document');

      const docx = await upload({ name: 'kallelse.docx', type: 'application/msword', data: minimalDocx() });
      assert.equal(docx.statusCode, 303, 'a real Word document is taken');

      const pdf = Buffer.from(simplePdf(['Rapport']));
      const bidi = await upload({ name: 'rapport\u202Efdp.exe.pdf', type: 'application/pdf', data: pdf });
      assert.equal(bidi.statusCode, 303);
      const names = rowsOf<{ filename: string }>(await ta.database.db.execute(sql`select filename from meeting_documents where filename like 'rapport%'`));
      assert.deepEqual(
        names.map((r) => r.filename),
        ['rapportfdp.exe.pdf'],
      );
    });

    test('a flood of made-up Host headers keeps no memory', async (t) => {
      const ta = await createTestApp(t, engine);
      const resolver = new TenantResolver(ta.database.db);
      for (let i = 0; i < 3000; i++) await resolver.resolve(`${'h'.repeat(8000)}-${i}.example`);
      assert.ok(resolver.size <= 5, `kept ${resolver.size} hosts`);
      assert.equal((await resolver.resolve(TESTBY_HOST))?.slug, 'testby');
      assert.equal((await resolver.resolve('unknown.example'))?.slug, 'boras');
      for (let i = 0; i < 200; i++) await ta.app.inject({ method: 'GET', url: '/om', headers: { host: `random-${i}.example` } });
      assert.ok(ta.services.tenants.size <= 5);
    });
  });
}

describe('configuration and start', () => {
  test('a production database never gets the demo accounts unless asked, and the banner never prints a password there', () => {
    const secret = 'x'.repeat(40);
    assert.equal(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret }).loadDemoData, false);
    assert.equal(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, DEMO_DATA: 'true' }).loadDemoData, true);
    assert.equal(loadConfig({}).loadDemoData, true);
    assert.equal(loadConfig({ NO_DEMO_DATA: 'true' }).loadDemoData, false);
    const facts = {
      address: 'http://localhost:3000',
      database: 'PostgreSQL',
      seededNow: false,
      mailMode: 'outbox' as const,
      demoAccounts: [{ email: 'admin@boras.example', role: 'admin' }],
      demoPassword: 'motesplats-demo',
    };
    const prod = startBanner(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret }), facts).join('\n');
    assert.doesNotMatch(prod, /motesplats-demo/);
    assert.match(prod, /E-MAIL IS NOT SENT/);
    const dev = startBanner(loadConfig({}), facts).join('\n');
    assert.match(dev, /password: motesplats-demo/);
    assert.doesNotMatch(dev, /NOT SENT/);
    const open = startBanner(loadConfig({ HOST: '0.0.0.0' }), facts).join('\n');
    assert.match(open, /E-MAIL IS NOT SENT/, 'a server open to the network says loudly that mail is not sent');
    assert.doesNotMatch(startBanner(loadConfig({}), { ...facts, demoAccounts: null }).join('\n'), /password/);
  });

  test('a page to return to is a path on this site, as a browser reads it', () => {
    for (const hostile of [
      '/\t/evil.example',
      '/\n/evil.example',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      '/\r\n/x',
      '\t//evil.example',
      '/%09/x',
    ]) {
      const out = safeNext(hostile);
      assert.ok(out === '/' || (!out.startsWith('//') && new URL(out, 'http://here.invalid').host === 'here.invalid'), `${JSON.stringify(hostile)} -> ${out}`);
    }
    assert.equal(safeNext('/\t/evil.example'), '/');
    assert.equal(safeNext('/ortsrad/fristad?x=1#a'), '/ortsrad/fristad?x=1#a');
    assert.equal(safeNext('/moten/ny?ortsrad=fristad'), '/moten/ny?ortsrad=fristad');
  });

  test('the error log keeps no values a statement was sent with', () => {
    const cause = Object.assign(new Error('null value in column "name" violates not-null constraint'), { code: '23502' });
    const err = Object.assign(
      new Error('Failed query: insert into "users" ("email", "password_hash") values ($1, $2)\nparams: a@example.se,scrypt$secret-hash\nline two'),
      {
        cause,
      },
    );
    const logged = JSON.stringify(serializeError(err));
    assert.doesNotMatch(logged, /secret-hash|a@example\.se/);
    assert.match(logged, /Failed query: insert into/);
    assert.match(logged, /23502/);
    assert.doesNotMatch(logged, /line two/, 'a value spanning lines is cut whole');
    assert.match(String(serializeError(err).stack), /\n\s+at /, 'the stack frames are kept');
  });
});

describe('the language switch through the server', () => {
  for (const engine of engines.slice(0, 1)) {
    test('a tab or newline in next never leads off the site, nor fails', async (t) => {
      const ta = await createTestApp(t, engine);
      const c = ta.client();
      for (const next of ['/%09/evil.example', '/%0a/x', '/%0d%0a/x', '%09//evil.example']) {
        const res = await c.get(`/sprak/en?next=${next}`);
        assert.equal(res.statusCode, 303, next);
        assert.equal(res.headers.location, '/', next);
      }
      const res = await c.post('/logga-in', { email: 'invanare@boras.example', password: 'motesplats-demo', next: '/\t/evil.example' });
      assert.equal(res.headers.location, '/');
    });
  }
});
