import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp, text } from '../../../test/helpers/app.js';
import { engines } from '../../../test/helpers/db.js';

for (const engine of engines) {
  describe(`tenancy on ${engine}`, () => {
    test('a visitor sees Borås: the five localities, the seven areas and the register link', async (t) => {
      const ta = await createTestApp(t, engine);
      const c = ta.client();
      const start = text((await c.get('/')).body);
      for (const name of ['Borås', 'Dalsjöfors', 'Fristad', 'Sandared', 'Viskafors']) assert.match(start, new RegExp(name));
      for (const name of ['Brämhult–Svensgärde', 'Hulta–Sörmarken', 'Hässleholmen–Boda', 'Kristineberg', 'Norrby', 'Sjöbo', 'Trandared']) {
        assert.match(start, new RegExp(name));
      }
      const fristad = await c.get('/orter/fristad');
      assert.equal(fristad.statusCode, 200);
      assert.match(text(fristad.body), /Borgstena, Bredared, Frufällan, Sparsör/);
      assert.match(text(fristad.body), /cirka 6 200/);
      const town = text((await c.get('/orter/boras')).body);
      assert.match(town, /Kristineberg/, 'the town page lists its areas');
      const trandared = await c.get('/omraden/trandared');
      assert.match(text(trandared.body), /Inte aktivt just nu/);
      assert.equal((await c.get('/orter/finns-inte')).statusCode, 404);
    });

    test('only an administrator adds and edits localities, areas and functions', async (t) => {
      const ta = await createTestApp(t, engine);
      assert.equal((await ta.client().get('/admin/orter/ny')).statusCode, 303, 'a visitor is asked to sign in');
      const editor = await ta.client().signIn('redaktor@boras.example');
      assert.equal((await editor.get('/admin/funktioner')).statusCode, 403);
      assert.equal((await editor.post('/admin/orter/ny', { name: 'X', kind: 'service' }, { from: '/' })).statusCode, 403);

      const admin = await ta.client().signIn('admin@boras.example');
      const bad = await admin.post('/admin/orter/ny', { name: '', slug: 'Ogiltig Adress!', kind: 'planet', population: '-5', covers: 'Byn' });
      assert.equal(bad.statusCode, 422);
      const body = text(bad.body);
      assert.match(body, /Fyll i fältet/);
      assert.match(body, /små bokstäver a–z/);
      assert.match(body, /Välj ett av alternativen/);
      assert.match(bad.body, /value="Byn"/);

      const ok = await admin.post('/admin/orter/ny', { name: 'Äspered', slug: '', kind: 'service', covers: 'Äspered', population: '400', description: '' });
      assert.equal(ok.statusCode, 303);
      assert.equal((await ta.client().get('/orter/aspered')).statusCode, 200, 'the slug is made from the name');
      const dup = await admin.post('/admin/orter/ny', { name: 'Äspered', slug: '', kind: 'service' });
      assert.equal(dup.statusCode, 409);
      assert.match(text(dup.body), /Adressen används redan/);

      const fn = await admin.post('/admin/funktioner/ny', { name: 'Valnämndens kansli', kind: 'department', code: 'vn', email: '' });
      assert.equal(fn.statusCode, 422, 'a lower-case committee code is refused');
      assert.equal((await admin.post('/admin/funktioner/ny', { name: 'Valnämndens kansli', kind: 'department', code: 'VN', email: '' })).statusCode, 303);
      assert.match(text((await admin.get('/admin/funktioner')).body), /Valnämndens kansli/);
    });

    test('an edit made on a stale form is refused instead of overwriting someone else', async (t) => {
      const ta = await createTestApp(t, engine);
      const a = await ta.client().signIn('admin@boras.example');
      const list = await a.get('/admin/omraden');
      const id = /\/admin\/omraden\/([0-9a-f-]{36})/.exec(list.body)?.[1] as string;
      const form = await a.get(`/admin/omraden/${id}`);
      const version = /name="version" value="([^"]+)"/.exec(form.body)?.[1] as string;
      const locality = /<option value="([0-9a-f-]{36})" selected/.exec(form.body)?.[1] as string;
      const name = /name="name" type="text" value="([^"]+)"/.exec(form.body)?.[1] ?? /id="f-name"[^>]*value="([^"]+)"/.exec(form.body)?.[1];
      assert.ok(version && locality && name);
      const first = await a.post(`/admin/omraden/${id}`, {
        version,
        name: `${name}`,
        slug: '',
        localityId: locality,
        description: 'Första ändringen',
        active: 'on',
      });
      assert.equal(first.statusCode, 303);
      const second = await a.post(`/admin/omraden/${id}`, {
        version,
        name: `${name}`,
        slug: '',
        localityId: locality,
        description: 'Andra ändringen',
        active: 'on',
      });
      assert.equal(second.statusCode, 409);
      assert.match(text(second.body), /Någon annan har ändrat/);
      assert.match(second.body, /Andra ändringen/, 'what the person typed is kept');
    });
  });
}
