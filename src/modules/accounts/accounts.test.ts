import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp, lastMailTo, linkIn, text } from '../../../test/helpers/app.js';
import { engines } from '../../../test/helpers/db.js';

for (const engine of engines) {
  describe(`accounts on ${engine}`, () => {
    test('a person signs up, verifies the address from the mail, signs in and out', async (t) => {
      const ta = await createTestApp(t, engine);
      const c = ta.client();
      const res = await c.post('/registrera', {
        name: 'Sara Sandared',
        email: 'sara@example.se',
        password: 'en lång fras här',
        passwordConfirm: 'en lång fras här',
      });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/registrera/skickat');

      // Not verified yet: sign-in is refused with a clear message.
      const early = await c.post('/logga-in', { email: 'sara@example.se', password: 'en lång fras här' });
      assert.equal(early.statusCode, 422);
      assert.match(text(early.body), /bekräfta din e-postadress/);

      const mail = await lastMailTo(ta, 'sara@example.se');
      assert.match(mail?.subject ?? '', /Bekräfta din e-postadress/);
      const verify = await c.get(linkIn(mail));
      assert.equal(verify.statusCode, 303);
      assert.equal((await c.get(linkIn(mail))).statusCode, 400, 'a verification link works once');

      const signIn = await c.post('/logga-in', { email: 'SARA@example.se', password: 'en lång fras här', next: '/profil' });
      assert.equal(signIn.statusCode, 303);
      assert.equal(signIn.headers.location, '/profil');
      const profile = await c.get('/profil');
      assert.equal(profile.statusCode, 200);
      assert.match(text(profile.body), /Sara Sandared/);

      const out = await c.post('/logga-ut', {}, { from: '/profil' });
      assert.equal(out.statusCode, 303);
      assert.equal((await c.get('/profil')).statusCode, 303, 'signed out: the profile asks to sign in');
    });

    test('sign-up keeps what was typed and says what is wrong, in the chosen language', async (t) => {
      const ta = await createTestApp(t, engine);
      const c = ta.client();
      const res = await c.post('/registrera', { name: '<script>alert(1)</script>', email: 'inte-en-adress', password: 'kort', passwordConfirm: 'annan' });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /Det finns problem att rätta till/);
      assert.match(res.body, /Skriv en giltig e-postadress/);
      assert.match(res.body, /minst 10 tecken/);
      assert.match(res.body, /value="inte-en-adress"/);
      assert.match(res.body, /value="&lt;script>alert\(1\)&lt;\/script>"/, 'hostile input is echoed escaped');
      assert.doesNotMatch(res.body, /value="kort"/, 'passwords are never echoed');
      await c.get('/sprak/en?next=/registrera');
      const en = await c.post('/registrera', { name: '', email: 'x', password: '', passwordConfirm: '' });
      assert.match(en.body, /There is a problem to fix/);
      assert.match(en.body, /Fill in this field/);
    });

    test('fifty identical sign-ups at once create exactly one account', async (t) => {
      const ta = await createTestApp(t, engine);
      const form = { name: 'Dubbel', email: 'dubbel@example.se', password: 'dubbel-lösenord', passwordConfirm: 'dubbel-lösenord' };
      const clients = Array.from({ length: 50 }, () => ta.client());
      // Fetch the forms first, then submit all at once.
      const answers = await Promise.all(clients.map((c) => c.post('/registrera', form)));
      assert.ok(answers.every((a) => a.statusCode === 303));
      const { users } = await import('./schema.js');
      const { sql } = await import('drizzle-orm');
      const rows = await ta.database.db.select().from(users).where(sql`lower(${users.email}) = 'dubbel@example.se'`);
      assert.equal(rows.length, 1);
    });

    test('a forgotten password is reset from the mail; the old one stops working', async (t) => {
      const ta = await createTestApp(t, engine);
      const c = ta.client();
      const res = await c.post('/glomt-losenord', { email: 'invanare@boras.example' });
      assert.equal(res.statusCode, 200);
      assert.match(text(res.body), /Om det finns ett konto/);
      const unknown = await c.post('/glomt-losenord', { email: 'finns-inte@example.se' });
      assert.equal(text(unknown.body).includes('Om det finns ett konto'), true, 'the answer does not reveal who has an account');
      const link = linkIn(await lastMailTo(ta, 'invanare@boras.example'));
      const mismatch = await c.post(
        '/aterstall-losenord',
        { token: link.split('token=')[1] ?? '', password: 'nytt-lösenord-1', passwordConfirm: 'nytt-lösenord-2' },
        { from: link },
      );
      assert.equal(mismatch.statusCode, 422);
      assert.match(mismatch.body, /Lösenorden är inte likadana/);
      const ok = await c.post(
        '/aterstall-losenord',
        { token: link.split('token=')[1] ?? '', password: 'nytt-lösenord-1', passwordConfirm: 'nytt-lösenord-1' },
        { from: link },
      );
      assert.equal(ok.statusCode, 303);
      assert.equal((await c.post('/logga-in', { email: 'invanare@boras.example', password: 'motesplats-demo' })).statusCode, 422);
      assert.equal((await c.post('/logga-in', { email: 'invanare@boras.example', password: 'nytt-lösenord-1' })).statusCode, 303);
      const again = await c.post(
        '/aterstall-losenord',
        { token: link.split('token=')[1] ?? '', password: 'tredje-lösenord', passwordConfirm: 'tredje-lösenord' },
        { from: link },
      );
      assert.equal(again.statusCode, 422, 'a reset link works once');
    });

    test('a person changes name and language and downloads everything held about them', async (t) => {
      const ta = await createTestApp(t, engine);
      const c = await ta.client().signIn('foretradare@boras.example');
      const bad = await c.post('/profil', { name: '', lang: 'fi' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /Fyll i fältet/);
      const res = await c.post('/profil', { name: 'Fredrik F', lang: 'en' });
      assert.equal(res.statusCode, 303);
      const page = await c.get('/profil');
      assert.match(page.body, /<html lang="en"/);
      assert.match(text(page.body), /Your profile is saved/);
      const exp = await c.get('/profil/export');
      assert.equal(exp.statusCode, 200);
      assert.match(String(exp.headers['content-disposition']), /attachment/);
      const data = JSON.parse(exp.body);
      assert.equal(data.account.name, 'Fredrik F');
      assert.equal(data.account.passwordHash, undefined, 'the export never contains the password hash');
      assert.equal(data.organisations.memberships[0].organisation, 'Framtid Fristad');
      assert.ok(data.activity.some((a: { action: string }) => a.action === 'user.updateProfile'));
      assert.equal((await ta.client().get('/profil/export')).statusCode, 303, 'a visitor is sent to sign in');
    });

    test('only an administrator manages users and roles, and a role changes what a person may do', async (t) => {
      const ta = await createTestApp(t, engine);
      const resident = await ta.client().signIn('invanare@boras.example');
      assert.equal((await resident.get('/admin/anvandare')).statusCode, 403);
      assert.equal((await ta.client().get('/admin/anvandare')).statusCode, 303);
      const admin = await ta.client().signIn('admin@boras.example');
      const list = await admin.get('/admin/anvandare?q=ingrid');
      assert.equal(list.statusCode, 200);
      const id = /\/admin\/anvandare\/([0-9a-f-]{36})/.exec(list.body)?.[1] as string;
      assert.ok(id);
      const missingScope = await admin.post(`/admin/anvandare/${id}/roller`, { role: 'handler', scope: '' });
      assert.equal(missingScope.statusCode, 422);
      assert.match(missingScope.body, /Välj vilket/);
      const unknownRole = await admin.post(`/admin/anvandare/${id}/roller`, { role: 'superuser', scope: '' });
      assert.equal(unknownRole.statusCode, 422);
      // A resident may not post the admin form either.
      assert.equal((await resident.post(`/admin/anvandare/${id}/roller`, { role: 'admin' }, { from: '/profil' })).statusCode, 403);
      const grant = await admin.post(`/admin/anvandare/${id}/roller`, { role: 'admin', scope: '' });
      assert.equal(grant.statusCode, 303);
      assert.equal((await resident.get('/admin/orter')).statusCode, 200, 'the new role takes effect at once');
      const page = await admin.get(`/admin/anvandare/${id}`);
      const assignment = /roller\/([0-9a-f-]{36})\/ta-bort/.exec(page.body)?.[1] as string;
      assert.equal((await admin.post(`/admin/anvandare/${id}/roller/${assignment}/ta-bort`, {}, { from: `/admin/anvandare/${id}` })).statusCode, 303);
      assert.equal((await resident.get('/admin/orter')).statusCode, 403, 'and a revoked role is gone at once');
      const log = await admin.get('/admin/logg?record=role');
      assert.match(text(log.body), /role\.assign/);
      assert.match(text(log.body), /role\.revoke/);
    });

    test('an administrator blocks an account: the person is signed out and cannot sign in until unblocked', async (t) => {
      const ta = await createTestApp(t, engine);
      const resident = await ta.client().signIn('invanare@boras.example');
      const admin = await ta.client().signIn('admin@boras.example');
      const list = await admin.get('/admin/anvandare?q=invanare');
      const id = /\/admin\/anvandare\/([0-9a-f-]{36})/.exec(list.body)?.[1] as string;
      assert.equal((await resident.post(`/admin/anvandare/${id}/sparr`, { disabled: 'true' }, { from: '/profil' })).statusCode, 403);
      assert.equal((await admin.post(`/admin/anvandare/${id}/sparr`, { disabled: 'true' }, { from: `/admin/anvandare/${id}` })).statusCode, 303);
      assert.equal((await resident.get('/profil')).statusCode, 303, 'the blocked person is signed out at once');
      assert.equal((await ta.client().post('/logga-in', { email: 'invanare@boras.example', password: 'motesplats-demo' })).statusCode, 422);
      const self = await admin.get('/admin/anvandare?q=admin');
      const selfId = /\/admin\/anvandare\/([0-9a-f-]{36})/.exec(self.body)?.[1] as string;
      const refused = await admin.post(`/admin/anvandare/${selfId}/sparr`, { disabled: 'true' }, { from: `/admin/anvandare/${selfId}` });
      assert.equal(refused.statusCode, 409);
      assert.match(text(refused.body), /ditt eget konto/);
      assert.equal((await admin.post(`/admin/anvandare/${id}/sparr`, { disabled: 'false' }, { from: `/admin/anvandare/${id}` })).statusCode, 303);
      assert.equal((await ta.client().post('/logga-in', { email: 'invanare@boras.example', password: 'motesplats-demo' })).statusCode, 303);
    });
  });
}
