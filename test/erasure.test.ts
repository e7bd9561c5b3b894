import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/platform/db/index.js';
import { createTestApp, lastMailTo, type TestApp, text } from './helpers/app.js';
import { engines } from './helpers/db.js';

const count = async (ta: TestApp, query: ReturnType<typeof sql>) => Number(rowsOf<{ n: number }>(await ta.database.db.execute(query))[0]?.n);

for (const engine of engines) {
  describe(`closing an account on ${engine}`, () => {
    test('erases what may be erased in one step, keeps the public records without the name, mails a receipt, and does it once', async (t) => {
      const ta = await createTestApp(t, engine);
      const db = ta.database.db;
      const [person] = rowsOf<{ id: string; name: string }>(await db.execute(sql`select id, name from users where email = 'boende1@boras.example'`));
      const id = String(person?.id);
      const name = String(person?.name);
      // Rows in every kind of place: a consent, a follow, a registration for a meeting, a seat in a council.
      const bo = await ta.client().signIn('boende1@boras.example');
      assert.equal((await bo.post('/profil/samtycken', { publicName: 'on' }, { from: '/profil' })).statusCode, 303);
      await db.execute(sql`insert into follows (tenant_id, user_id, kind, subject_id)
        select tenant_id, id, 'council', (select id from councils where slug = 'fristad') from users where id = ${id}`);
      await db.execute(sql`insert into meeting_registrations (tenant_id, meeting_id, user_id, status)
        select m.tenant_id, m.id, ${id}, 'registered' from meetings m join councils c on c.id = m.council_id
        where c.slug = 'fristad' and m.starts_at > now() order by m.starts_at limit 1`);
      await db.execute(sql`insert into council_members (tenant_id, council_id, user_id, role)
        select tenant_id, id, ${id}, 'member' from councils where slug = 'dalsjofors'`);
      const [asked] = rowsOf<{ slug: string }>(
        await db.execute(sql`select slug from questions where asker_id = ${id} and on_behalf is null and council_id is null
          and cardinality(secret_fields) = 0 order by received_at desc limit 1`),
      );
      assert.ok(asked, 'the demo has questions of this resident');
      await db.execute(sql`insert into consents (tenant_id, user_id, kind, subject, subject_label, given_via)
        select tenant_id, asker_id, 'publicName', 'question:' || id, number, '/fragor/ny' from questions where slug = ${asked.slug}`);
      assert.match(text((await ta.client().get(`/fragor/${asked.slug}`)).body), new RegExp(name));

      // An administrator's change to the account: it stays the administrator's, its details about the person go.
      await db.execute(sql`insert into audit_log (tenant_id, actor_id, actor_label, action, record_type, record_id, details)
        select a.tenant_id, a.id, 'Administratören <admin@boras.example>', 'user.updateProfile', 'user', ${id}, ${JSON.stringify({ name })}::jsonb
        from users a where a.email = 'admin@boras.example'`);
      // The only representative of Fristads GoIF, whose application is being handled: hand over first.
      const page = text((await bo.get('/profil/avsluta')).body);
      assert.match(page, /Du är den enda företrädaren för Fristads GoIF/);
      const refused = await bo.post('/profil/avsluta', { confirm: 'on' }, { from: '/profil' });
      assert.equal(refused.statusCode, 409);
      assert.match(text(refused.body), /Kontot kan inte avslutas ännu.*Fristads GoIF/);
      assert.equal(await count(ta, sql`select count(*)::int as n from users where id = ${id} and erased_at is null`), 1);
      await db.execute(sql`insert into organisation_members (tenant_id, organisation_id, user_id, role)
        select o.tenant_id, o.id, u.id, 'representative' from organisations o, users u
        where o.name = 'Fristads GoIF' and u.email = 'boende2@boras.example' on conflict (organisation_id, user_id) do update set role = 'representative'`);

      // Without the confirmation: the form says what is missing, in the person's language.
      const unconfirmed = await bo.post('/profil/avsluta', {});
      assert.equal(unconfirmed.statusCode, 422);
      assert.match(text(unconfirmed.body), /Kryssa i att du förstår/);

      // Sent twice at once, from two signed-in browsers: closed once, one receipt.
      const other = await ta.client().signIn('boende1@boras.example');
      const answers = await Promise.all([
        bo.post('/profil/avsluta', { confirm: 'on' }),
        other.post('/profil/avsluta', { confirm: 'on' }, { from: '/profil/avsluta' }),
      ]);
      assert.deepEqual(
        answers.map((a) => a.statusCode),
        [303, 303],
      );
      assert.ok(answers.some((a) => a.headers.location === '/konto-avslutat'));
      assert.match(text((await bo.get('/konto-avslutat')).body), /Ditt konto är avslutat/);
      assert.equal((await bo.get('/profil')).statusCode, 303, 'signed out');
      assert.equal(await count(ta, sql`select count(*)::int as n from audit_log where action = 'user.erase' and record_id = ${id}`), 1);

      // The account is a nameless reference; the address and password no longer sign anyone in.
      const [row] = rowsOf<{ name: string; email: string; password_hash: string | null; erased_at: Date | null }>(
        await db.execute(sql`select name, email, password_hash, erased_at from users where id = ${id}`),
      );
      assert.equal(row?.name, 'Borttagen person');
      assert.match(String(row?.email), /^borttagen-.*@invalid$/);
      assert.equal(row?.password_hash, null);
      assert.ok(row?.erased_at);
      assert.equal((await ta.client().post('/logga-in', { email: 'boende1@boras.example', password: 'motesplats-demo', next: '/' })).statusCode, 422);

      // The administrator sees a closed account, and cannot open it again.
      const admin = await ta.client().signIn('admin@boras.example');
      assert.match(text((await admin.get(`/admin/anvandare/${id}`)).body), /Borttagen person .* Kontot avslutades/);
      const reopened = await admin.post(`/admin/anvandare/${id}/sparr`, { disabled: 'false' }, { from: `/admin/anvandare/${id}` });
      assert.equal(reopened.statusCode, 409);
      assert.match(text(reopened.body), /Kontot är avslutat och kan inte öppnas igen/);
      assert.equal(await count(ta, sql`select count(*)::int as n from users where id = ${id} and disabled_at is not null`), 1);

      // Erased everywhere it may be.
      for (const table of [
        'consents',
        'follows',
        'notifications',
        'sessions',
        'role_assignments',
        'organisation_members',
        'council_members',
        'meeting_registrations',
      ]) {
        assert.equal(await count(ta, sql`select count(*)::int as n from ${sql.identifier(table)} where user_id = ${id}`), 0, table);
      }
      // Kept where the rules require, without the name: the register entry, the applications, the audit rows.
      assert.ok((await count(ta, sql`select count(*)::int as n from questions where asker_id = ${id}`)) > 0);
      assert.ok((await count(ta, sql`select count(*)::int as n from grant_applications where created_by = ${id}`)) > 0);
      const question = text((await ta.client().get(`/fragor/${asked.slug}`)).body);
      assert.match(question, /En invånare/);
      assert.doesNotMatch(question, new RegExp(name));
      assert.equal(await count(ta, sql`select count(*)::int as n from audit_log where actor_label like ${`%${name}%`} or actor_label like '%boende1@%'`), 0);
      assert.ok((await count(ta, sql`select count(*)::int as n from audit_log where actor_id = ${id}`)) > 0, 'the audit rows stay, under a pseudonym');
      const [byAdmin] = rowsOf<{ actor_label: string; details: Record<string, unknown> }>(
        await db.execute(sql`select actor_label, details from audit_log where record_id = ${id} and actor_label like 'Administratören%'`),
      );
      assert.deepEqual(byAdmin, { actor_label: 'Administratören <admin@boras.example>', details: {} });

      // The receipt, to the address the account had: what was erased, what is kept and why.
      const receipt = await lastMailTo(ta, 'boende1@boras.example');
      assert.match(String(receipt?.subject), /Ditt konto är avslutat/);
      assert.match(String(receipt?.text), /Samtycken: [1-9]/);
      assert.match(String(receipt?.text), /Anmälningar till möten: 1/);
      assert.match(String(receipt?.text), /Frågor du ställt: \d+ \(registrerade frågor är allmänna handlingar/);
      assert.equal(
        await count(ta, sql`select count(*)::int as n from dev_outbox where to_address = 'boende1@boras.example' and subject like 'Ditt konto är avslutat%'`),
        1,
      );

      // The address is free again: a new account can be made with it.
      assert.equal(
        (
          await ta
            .client()
            .post('/registrera', { name: 'Bo Igen', email: 'boende1@boras.example', password: 'ett-nytt-losenord', passwordConfirm: 'ett-nytt-losenord' })
        ).statusCode,
        303,
      );
      assert.equal(await count(ta, sql`select count(*)::int as n from users where email = 'boende1@boras.example' and erased_at is null`), 1);
    });

    test('the only administrator is asked to hand over first, in Swedish and English', async (t) => {
      const ta = await createTestApp(t, engine);
      const admin = await ta.client().signIn('admin@boras.example');
      assert.match(text((await admin.get('/profil/avsluta')).body), /Du är den enda administratören/);
      const refused = await admin.post('/profil/avsluta', { confirm: 'on' }, { from: '/profil' });
      assert.equal(refused.statusCode, 409);
      await admin.get('/sprak/en?next=/profil/avsluta');
      assert.match(text((await admin.get('/profil/avsluta')).body), /You are the municipality's only administrator/);
      assert.equal(await count(ta, sql`select count(*)::int as n from users where email = 'admin@boras.example' and erased_at is null`), 1);
    });
  });
}
