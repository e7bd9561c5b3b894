import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { paymentsOf } from '../src/modules/agreements/commands.js';
import { rowsOf } from '../src/platform/db/index.js';
import { type createTestApp as CreateTestApp, createTestApp, formValues, lastMailTo, text } from './helpers/app.js';
import { engines } from './helpers/db.js';

const year = new Date().getFullYear();
type TA = Awaited<ReturnType<typeof CreateTestApp>>;

async function agreementOf(ta: TA, council: string): Promise<string> {
  const [row] = rowsOf<{ id: string }>(
    await ta.database.db.execute(sql`select a.id from agreements a join councils c on c.id = a.council_id where c.slug = ${council}`),
  );
  assert.ok(row, council);
  return row.id;
}

test('payments follow the schedule: the yearly amount split evenly, what is left over on the first, none outside the period', () => {
  assert.deepEqual(paymentsOf('2026-01-01', '2026-12-31', 50001, 'half_yearly'), [
    { dueOn: '2026-01-31', amount: 25001 },
    { dueOn: '2026-07-31', amount: 25000 },
  ]);
  assert.deepEqual(
    paymentsOf('2026-05-01', '2027-02-28', 40000, 'quarterly').map((p) => p.dueOn),
    ['2026-05-01', '2026-07-31', '2026-10-31', '2027-01-31'],
  );
  assert.equal(paymentsOf('2024-01-01', '2027-12-31', 50000, 'yearly').length, 4);
});

for (const engine of engines) {
  describe(`agreements on ${engine}`, () => {
    test('amounts and periods are public; reports are the council’s and the municipality’s and do not exist for anyone else', async (t) => {
      const ta = await createTestApp(t, engine);
      const id = await agreementOf(ta, 'fristad');
      const visitor = ta.client();
      const list = text((await visitor.get('/overenskommelser')).body);
      assert.match(list, /Överenskommelse om lokal utveckling i Fristad/);
      assert.match(list, /50 000 kr/);
      const page = await visitor.get(`/overenskommelser/${id}`);
      assert.equal(page.statusCode, 200);
      assert.match(text(page.body), /Framtid Fristad/);
      assert.doesNotMatch(text(page.body), /Årsredovisningar/);
      assert.equal((await visitor.get(`/overenskommelser/${id}/rapporter/${year - 1}`)).statusCode, 404);
      const outsider = await ta.client().signIn('boende1@boras.example');
      assert.equal((await outsider.get(`/overenskommelser/${id}/rapporter/${year - 1}`)).statusCode, 404);
      const member = await ta.client().signIn('invanare@boras.example');
      assert.equal((await member.get(`/overenskommelser/${id}/rapporter/${year - 1}`)).statusCode, 200, 'a member of the council reads it');
      const contact = await ta.client().signIn('kontaktperson@boras.example');
      const waiting = text((await contact.get('/overenskommelser')).body);
      assert.match(waiting, /1 redovisning väntar/);
      assert.equal(
        (await contact.get(`/overenskommelser/${await agreementOf(ta, 'sandared')}/rapporter/${year - 1}`)).statusCode,
        404,
        'not another council’s',
      );
      assert.equal((await visitor.get(`/overenskommelser/${id}/rapporter/${year + 5}`)).statusCode, 404);
      assert.equal((await member.get(`/overenskommelser/${id}/rapporter/abc`)).statusCode, 404);
    });

    test('a yearly report from draft to approval: filled in from the calendar, answered field by field, submitted, returned, completed, approved', async (t) => {
      const ta = await createTestApp(t, engine);
      const id = await agreementOf(ta, 'fristad');
      const url = `/overenskommelser/${id}/rapporter/${year}`;
      const secretary = await ta.client().signIn('sekreterare@boras.example');
      const page = await secretary.get(url);
      assert.equal(page.statusCode, 200);
      // The evidence is the calendar's: the open meetings of Ortsråd Fristad held this year so far.
      const [counts] = rowsOf<{ held: number; open: number; minutes: number }>(
        await ta.database.db.execute(sql`select count(*)::int as held, count(*) filter (where m.visibility = 'public')::int as open,
            count(*) filter (where exists (select 1 from meeting_minutes mm where mm.meeting_id = m.id and mm.status = 'published'))::int as minutes
          from meetings m join councils c on c.id = m.council_id
          where c.slug = 'fristad' and m.status = 'published' and m.ends_at < now() and extract(year from m.starts_at at time zone 'Europe/Stockholm') = ${year}`),
      );
      assert.ok(counts && counts.held > 0);
      const said = text(page.body);
      assert.match(said, new RegExp(`${counts.held} genomförda möten`));
      assert.match(said, new RegExp(`${counts.open} öppna möten av minst 4`));
      assert.match(said, new RegExp(`protokoll publicerade från ${counts.minutes} av ${counts.held} möten`));
      const values = formValues(page.body, url);
      const openMet = Object.entries(values).find(([k, v]) => k.startsWith('met_') && v === (counts.open >= 4 ? 'yes' : 'no'));
      assert.ok(openMet, 'the platform fills in what it knows');
      // Submitted with the association's own obligations unanswered: said field by field, what was typed kept.
      const unanswered = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, k.startsWith('met_') && v === '' ? '' : v]));
      const refused = await secretary.post(url, { ...unanswered, narrative: 'Vi har haft <möten>.', submit: 'submit' });
      assert.equal(refused.statusCode, 422);
      assert.match(text(refused.body), /Svara om åtagandet har uppfyllts/);
      assert.match(refused.body, /Vi har haft &lt;möten>\./);
      // Saved as a draft, then submitted complete.
      const answered = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, k.startsWith('met_') && v === '' ? 'yes' : v]));
      const notMet = Object.entries(answered).filter(([k, v]) => k.startsWith('met_') && v !== 'yes');
      for (const [k] of notMet) answered[`comment_${k.slice(4)}`] = 'Vi tog sommaruppehåll.';
      assert.equal((await secretary.post(url, { ...answered, narrative: 'Utkast.', submit: 'save' })).statusCode, 303);
      const draft = formValues((await secretary.get(url)).body, url);
      assert.equal(draft.narrative, 'Utkast.');
      const stale = await secretary.post(url, { ...answered, narrative: 'Från ett gammalt formulär.', submit: 'save' });
      assert.equal(stale.statusCode, 409, 'a form loaded before the draft was saved is told, not written over it');
      const sent = await secretary.post(url, { ...draft, narrative: 'Öppna möten varje månad.', submit: 'submit' });
      assert.equal(sent.statusCode, 303);
      assert.match(text((await secretary.get(url)).body), /Inskickad, väntar på kommunen/);
      assert.equal(
        (await secretary.post(url, { ...draft, narrative: 'Ändrat i efterhand.', submit: 'save' }, { from: url })).statusCode,
        409,
        'read-only once submitted',
      );
      await ta.drain();
      assert.match(
        text((await (await ta.client().signIn('kontaktperson@boras.example')).get('/notiser')).body),
        new RegExp(`redovisningen för ${year} är inskickad`),
      );
      // The chair cannot decide; the contact person returns it (saying why), it is completed, then approved.
      const chair = await ta.client().signIn('foretradare@boras.example');
      assert.equal((await chair.post(`${url}/beslut`, { decision: 'approve', note: '' }, { from: url })).statusCode, 403);
      const contact = await ta.client().signIn('kontaktperson@boras.example');
      const noNote = await contact.post(`${url}/beslut`, { decision: 'return', note: '' }, { from: url });
      assert.equal(noNote.statusCode, 422);
      assert.match(text(noNote.body), /Skriv vad som saknas/);
      assert.equal((await contact.post(`${url}/beslut`, { decision: 'return', note: 'Hur många kom?' }, { from: url })).statusCode, 303);
      const returned = await secretary.get(url);
      assert.match(text(returned.body), /Återsänd för komplettering/);
      assert.match(text(returned.body), /Hur många kom\?/);
      const again = formValues(returned.body, url);
      assert.equal((await secretary.post(url, { ...again, narrative: 'Öppna möten varje månad, cirka 20 deltagare.', submit: 'submit' })).statusCode, 303);
      assert.equal((await contact.post(`${url}/beslut`, { decision: 'approve', note: '' }, { from: url })).statusCode, 303);
      assert.match(
        text(
          (
            await ta
              .client()
              .signIn('invanare@boras.example')
              .then((c) => c.get(url))
          ).body,
        ),
        /Godkänd/,
      );
      const mail = await lastMailTo(ta, 'sekreterare@boras.example');
      assert.ok(mail, 'the secretary hears of the decision');
    });

    test('an administrator records an agreement with its obligations and payments; bad input is said on the form; payments are marked paid', async (t) => {
      const ta = await createTestApp(t, engine);
      const admin = await ta.client().signIn('admin@boras.example');
      assert.equal((await (await ta.client().signIn('kontaktperson@boras.example')).get('/admin/overenskommelser/ny')).statusCode, 403);
      const form = formValues((await admin.get('/admin/overenskommelser/ny')).body, '/admin/overenskommelser/ny');
      const [fristad] = rowsOf<{ id: string }>(await ta.database.db.execute(sql`select id from councils where slug = 'fristad'`));
      const bad = await admin.post('/admin/overenskommelser/ny', {
        ...form,
        title: 'Ny överenskommelse',
        councilId: fristad?.id as string,
        yearlyAmount: '-5',
        endsOn: '2020-01-01',
        reportDue: '13-40',
      });
      assert.equal(bad.statusCode, 422);
      const said = text(bad.body);
      assert.match(said, /Skriv ett belopp i hela kronor/);
      assert.match(said, /Slutdatumet kan inte vara före startdatumet/);
      assert.match(said, /Skriv månad och dag som MM-DD/);
      const ok = await admin.post('/admin/overenskommelser/ny', {
        ...form,
        title: 'Ny överenskommelse',
        councilId: fristad?.id as string,
        yearlyAmount: '60 000',
        schedule: 'quarterly',
        otherObligations: 'Redovisa hur ersättningen används\nBjuda in skolan',
      });
      assert.equal(ok.statusCode, 303);
      const page = await admin.get(String(ok.headers.location));
      const body = text(page.body);
      assert.match(body, /60 000 kr/);
      assert.match(body, /Hålla minst 4 öppna möten om året/);
      assert.match(body, /Bjuda in skolan/);
      assert.match(body, /15 000 kr/, 'four payments a year');
      const mark = formValues(page.body, `${String(ok.headers.location)}/betalningar`);
      assert.equal((await admin.post(`${String(ok.headers.location)}/betalningar`, mark, { from: String(ok.headers.location) })).statusCode, 303);
      assert.match(text((await admin.get(String(ok.headers.location))).body), /Utbetald/);
    });

    test('reminders go once before a report is due and before an agreement ends', async (t) => {
      const ta = await createTestApp(t, engine);
      const id = await agreementOf(ta, 'fristad');
      // The report on last year is due within a month: move the due day to a fortnight from now.
      const soon = new Date(Date.now() + 14 * 86_400_000);
      const monthDay = `${String(soon.getUTCMonth() + 1).padStart(2, '0')}-${String(soon.getUTCDate()).padStart(2, '0')}`;
      const reportYear = soon.getUTCFullYear() - 1;
      await ta.database.db.execute(
        sql`update agreements set report_due = ${monthDay}, ends_on = ${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}::date where id = ${id}`,
      );
      await ta.database.db.execute(sql`update agreement_reports set status = 'draft' where agreement_id = ${id} and year = ${reportYear}`);
      const task = (await import('../src/modules/agreements/subscribers.js')).agreementReminders(ta.services)[0];
      assert.ok(task);
      await task.run(ta.database.db);
      await task.run(ta.database.db);
      const told = rowsOf<{ source: string; n: number }>(
        await ta.database.db.execute(sql`select source, count(*)::int as n from notifications where source like ${`agreements.%`} group by source`),
      );
      assert.ok(
        told.some((r) => r.source.startsWith('agreements.remind:')),
        JSON.stringify(told),
      );
      assert.ok(told.some((r) => r.source.startsWith(`agreements.ending:${id}`)));
      const [{ n }] = rowsOf<{ n: number }>(
        await ta.database.db.execute(sql`select count(*)::int as n from notifications where source like 'agreements.remind:%'`),
      ) as [{ n: number }];
      const [{ people }] = rowsOf<{ people: number }>(
        await ta.database.db.execute(sql`select count(distinct user_id)::int as people from notifications where source like 'agreements.remind:%'`),
      ) as [{ people: number }];
      assert.equal(n, people, 'each person once, though the task ran twice');
    });
  });
}
