import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp, text } from '../../../test/helpers/app.js';
import { engines } from '../../../test/helpers/db.js';

for (const engine of engines) {
  describe(`http platform on ${engine}`, () => {
    test('every page is sent with strict security headers and no inline script', async (t) => {
      const ta = await createTestApp(t, engine);
      const res = await ta.client().get('/');
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.doesNotMatch(res.body, /<script>/);
      assert.match(res.body, /<a class="skip-link" href="#main">/);
      assert.match(res.body, /href="\/tillganglighet"/, 'every page links the accessibility statement');
      for (const page of ['/', '/ortsrad', '/kalender', '/organisationer', '/motesplatser', '/finns/inte']) {
        assert.match((await ta.client().get(page)).body, /<meta name="description" content="[^"]{40,}"/, `${page} has a description`);
      }
    });

    test('an unknown page answers a 404 page in the visitor language', async (t) => {
      const ta = await createTestApp(t, engine);
      const c = ta.client();
      const res = await c.get('/finns/inte');
      assert.equal(res.statusCode, 404);
      assert.match(text(res.body), /Sidan finns inte/);
      await c.get('/sprak/en?next=/');
      const en = await c.get('/finns/inte');
      assert.match(text(en.body), /Page not found/);
      assert.match(en.body, /<html lang="en"/);
    });

    test('the language switch is kept for the session and only returns to local pages', async (t) => {
      const ta = await createTestApp(t, engine);
      const c = ta.client();
      const sw = await c.get('/sprak/en?next=/organisationer');
      assert.equal(sw.statusCode, 303);
      assert.equal(sw.headers.location, '/organisationer');
      assert.match((await c.get('/')).body, /Localities/);
      assert.match((await c.get('/om')).body, /About Mötesplats/);
      assert.equal((await c.get('/sprak/sv?next=//evil.example')).headers.location, '/');
      assert.equal((await c.get('/sprak/sv?next=https://evil.example')).headers.location, '/');
      assert.match((await c.get('/')).body, /Orter/);
    });

    test('a form post without a valid CSRF token is refused and nothing is written', async (t) => {
      const ta = await createTestApp(t, engine);
      const c = ta.client();
      const res = await c.post(
        '/registrera',
        { name: 'A', email: 'csrf@example.se', password: 'lösenord-123', passwordConfirm: 'lösenord-123' },
        { csrf: false },
      );
      assert.equal(res.statusCode, 403);
      assert.match(text(res.body), /Formuläret hade gått ut/);
      const { users } = await import('../../modules/accounts/schema.js');
      const { eq } = await import('drizzle-orm');
      assert.equal((await ta.database.db.select().from(users).where(eq(users.email, 'csrf@example.se'))).length, 0);
    });

    test('an oversized body is refused with 413', async (t) => {
      const ta = await createTestApp(t, engine);
      const res = await ta.app.inject({
        method: 'POST',
        url: '/tillganglighet',
        headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' },
        payload: `message=${'x'.repeat(1024 * 1024 + 10)}`,
      });
      assert.equal(res.statusCode, 413);
      assert.match(text(res.body), /För mycket data/);
    });

    test('sign-in is rate limited per address', async (t) => {
      const ta = await createTestApp(t, engine, { RATE_LIMIT_AUTH_PER_MINUTE: '3' });
      const c = ta.client();
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await c.post('/logga-in', { email: 'admin@boras.example', password: 'fel-lösenord' })).statusCode);
      assert.deepEqual(codes.slice(0, 3), [422, 422, 422]);
      assert.equal(codes[4], 429);
      const res = await c.post('/logga-in', { email: 'admin@boras.example', password: 'motesplats-demo' });
      assert.match(text(res.body), /För många försök/);
    });

    test('the accessibility statement takes feedback and mails it to the municipality', async (t) => {
      const ta = await createTestApp(t, engine);
      const c = ta.client();
      const page = await c.get('/tillganglighet');
      assert.match(text(page.body), /lagen \(2018:1937\)/);
      assert.match(page.body, /digg\.se/);
      const bad = await c.post('/tillganglighet', { message: '', page: '/x', email: 'fel' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /value="\/x"/);
      const ok = await c.post('/tillganglighet', { message: 'Kontrasten på knappen är låg', page: '/organisationer', email: '' });
      assert.equal(ok.statusCode, 303);
      await ta.drain();
      const { devOutbox } = await import('../mail/schema.js');
      const mails = await ta.database.db.select().from(devOutbox);
      assert.ok(mails.some((m) => m.to === 'tillganglighet@boras.example' && m.text.includes('Kontrasten på knappen är låg')));
    });

    test('error pages leak nothing and the audit log is for administrators only', async (t) => {
      const ta = await createTestApp(t, engine);
      assert.equal((await ta.client().get('/admin/logg')).statusCode, 303);
      const resident = await ta.client().signIn('invanare@boras.example');
      const denied = await resident.get('/admin/logg');
      assert.equal(denied.statusCode, 403);
      assert.doesNotMatch(denied.body, /Error|stack|at /);
      const admin = await ta.client().signIn('admin@boras.example');
      const log = await admin.get('/admin/logg?person=admin%40boras&from=2020-01-01');
      assert.equal(log.statusCode, 200);
      assert.match(text(log.body), /user\.signIn/);
      assert.doesNotMatch(text(log.body), /invanare@boras\.example/, 'filtered by person');
      const badDate = await admin.get('/admin/logg?from=igår');
      assert.match(text(badDate.body), /ÅÅÅÅ-MM-DD/);
    });
  });
}

test('the request log keeps the method, the path and the address, never a query string or a mailed token', async () => {
  const { serializeRequest } = await import('./plugin.js');
  const token = 'YWJjZGVmMDEyMzQ1Njc4OQpkaWdlc3QuZGFpbHk.Zm9vYmFyYmF6cXV4';
  assert.deepEqual(serializeRequest({ method: 'GET', url: `/avregistrera/${token}?x=1`, ip: '192.0.2.7', hostname: 'boras.example' }), {
    method: 'GET',
    url: '/avregistrera/…',
    hostname: 'boras.example',
    remoteAddress: '192.0.2.7',
  });
  assert.equal(serializeRequest({ method: 'GET', url: '/verifiera?token=hemligt' }).url, '/verifiera');
  assert.equal(serializeRequest({ method: 'GET', url: '/admin/anvandare?q=Ingrid%20Inv%C3%A5nare' }).url, '/admin/anvandare');
  // Slugs and ids stay readable.
  const slug = '/bidrag/aktiverings-och-inkluderingsbidrag/utlysningar/aktiverings-och-inkluderingsbidrag-lopande';
  assert.equal(serializeRequest({ method: 'GET', url: slug }).url, slug);
  assert.equal(
    serializeRequest({ method: 'POST', url: '/bidrag/ansokningar/0b9f6c1e-8a47-4f0e-9d55-0a1b2c3d4e5f/beslut' }).url,
    '/bidrag/ansokningar/0b9f6c1e-8a47-4f0e-9d55-0a1b2c3d4e5f/beslut',
  );
});
