import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { simplePdf } from '../src/demo/pdf.js';
import { rowsOf } from '../src/platform/db/index.js';
import { type Client, createTestApp, formValues, type TestApp, text } from './helpers/app.js';
import { engines } from './helpers/db.js';
import { postFile } from './helpers/meetings.js';

const year = new Date().getFullYear();
const INCLUSION = '/bidrag/aktiverings-och-inkluderingsbidrag';
const INCLUSION_CALL = `${INCLUSION}/utlysningar/aktiverings-och-inkluderingsbidrag-lopande`;

/** The ids of the applications with this title. */
async function applicationId(ta: TestApp, title: string): Promise<string> {
  const [row] = rowsOf<{ id: string }>(await ta.database.db.execute(sql`select id from grant_applications where title = ${title}`));
  if (!row) throw new Error(`no application ${title}`);
  return row.id;
}

/** Starts an application for Framtid Fristad to a call through its page, and returns its address. */
async function start(rep: Client, call: string, title: string): Promise<string> {
  const form = formValues((await rep.get(call)).body, call);
  const res = await rep.post(call, { ...form, title });
  assert.equal(res.statusCode, 303, text(res.body).slice(0, 400));
  return res.headers.location as string;
}

for (const engine of engines) {
  describe(`grant applications on ${engine}`, () => {
    test('a representative sees the rules for their association, starts once, saves a draft, is told field by field what is missing, and submits', async (t) => {
      const ta = await createTestApp(t, engine);
      const rep = await ta.client().signIn('foretradare@boras.example');
      // The basic grant is applied for within a month of the annual meeting: the register says Framtid Fristad's was in March.
      const basic = text((await rep.get(`/bidrag/grundbidrag/utlysningar/grundbidrag-${year}`)).body);
      assert.match(basic, /Villkoren för Framtid Fristad/);
      assert.match(basic, /Uppfyllt: En registrerad förening \(organisationsnummer 802439-1234\)/);
      assert.match(basic, /Uppfyllt: Minst 10 medlemmar \(86 medlemmar enligt registret/);
      assert.match(basic, new RegExp(`Inte uppfyllt: Söks inom 31 dagar efter årsmötet \\(senaste årsmötet 12 mars ${year}`));
      assert.match(basic, /Bekräftas av er: Föreningen har sitt säte i Borås/);

      // One start per form, however often it is sent.
      const form = formValues((await rep.get(INCLUSION_CALL)).body, INCLUSION_CALL);
      const first = await rep.post(INCLUSION_CALL, { ...form, title: 'Språkcafé med fika' });
      const again = await rep.post(INCLUSION_CALL, { ...form, title: 'Språkcafé med fika' }, { from: INCLUSION_CALL });
      assert.equal(first.statusCode, 303);
      assert.equal(again.headers.location, first.headers.location);
      const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(
        await ta.database.db.execute(sql`select count(*)::int as n from grant_applications where title = 'Språkcafé med fika'`),
      );
      assert.equal(n, 1);
      const path = first.headers.location as string;

      // A draft takes what is there and says what is wrong with what is not right, keeping every word.
      const draft = formValues((await rep.get(path)).body, path);
      const bad = await rep.post(path, { ...draft, summary: 'Fika & <samtal>', amount: '-500', a_q2: 'tjugo', intent: 'save' });
      assert.equal(bad.statusCode, 422);
      const said = text(bad.body);
      assert.match(said, /Skriv ett belopp i hela kronor/);
      assert.match(said, /Skriv ett heltal, till exempel 12/);
      assert.match(bad.body, /Fika &amp; &lt;samtal>/);
      const saved = await rep.post(path, { ...draft, summary: 'Samtal på svenska över en kopp kaffe.', amount: '6 000', a_q2: '25', intent: 'save' });
      assert.equal(saved.statusCode, 303);
      const reopened = await rep.get(path);
      assert.match(text(reopened.body), /Utkastet är sparat/);
      assert.match(reopened.body, /value="6000"/);

      // Submitting asks for every required answer and each rule the register cannot tell.
      const now = formValues(reopened.body, path);
      const missing = await rep.post(path, { ...now, intent: 'submit' });
      assert.equal(missing.statusCode, 422);
      const gaps = text(missing.body);
      assert.match(gaps, /Svara på frågan/);
      assert.equal((gaps.match(/Svara på frågan\./g) ?? []).length, 6, 'the date, the choice and the budget, in the summary and at each field');
      assert.match(gaps, /Samtal på svenska över en kopp kaffe\./);
      const high = await rep.post(path, {
        ...now,
        amount: '12 000',
        a_q1: `${year + 1}-02-01`,
        a_q3: 'Nyanlända',
        a_q4_item_0: 'Fika',
        a_q4_amount_0: '2 000',
        intent: 'submit',
      });
      assert.match(text(high.body), /Det högsta beloppet i programmet är 10000 kr|Det högsta beloppet i programmet är 10 000 kr/);
      const done = await rep.post(path, {
        ...now,
        a_q1: `${year + 1}-02-01`,
        a_q3: 'Nyanlända',
        a_q4_item_0: 'Fika',
        a_q4_amount_0: '2 000',
        a_q4_item_1: 'Lokalhyra',
        a_q4_amount_1: '4 000',
        confirm_0: 'on',
        intent: 'submit',
      });
      assert.equal(done.statusCode, 303, text(done.body).slice(0, 600));
      const sent = await rep.get(path);
      const page = text(sent.body);
      assert.match(page, /Inskickad/);
      assert.match(page, /Fika 2 000 kr Lokalhyra 4 000 kr Summa 6 000 kr/);
      assert.doesNotMatch(sent.body, /name="intent"/, 'read-only once submitted');
      // A submitted application cannot be changed by a post either.
      const late = await rep.post(path, { ...now, title: 'Ändrad', intent: 'save' }, { from: path });
      assert.equal(late.statusCode, 409);
      assert.match(text(late.body), /redan inskickad/);
      // The programme's officer is told.
      await ta.drain();
      const [{ told } = { told: 0 }] = rowsOf<{ told: number }>(
        await ta.database.db.execute(
          sql`select count(*)::int as told from notifications n join users u on u.id = n.user_id where u.email = 'bidrag@boras.example' and n.message_key = 'grants.notify.submitted'`,
        ),
      );
      assert.ok(told >= 1);
    });

    test('applicants see only their own organisation’s applications; officers only submitted ones of their programmes', async (t) => {
      const ta = await createTestApp(t, engine);
      const draft = `/bidrag/ansokningar/${await applicationId(ta, 'Prova-på-dag för nyinflyttade')}`;
      const submitted = `/bidrag/ansokningar/${await applicationId(ta, 'Fotboll för alla')}`;
      const rep = await ta.client().signIn('foretradare@boras.example');
      const member = await ta.client().signIn('invanare@boras.example');
      const other = await ta.client().signIn('boende1@boras.example');
      const officer = await ta.client().signIn('bidrag@boras.example');
      const handler = await ta.client().signIn('handlaggare@boras.example');
      assert.equal((await rep.get(draft)).statusCode, 200);
      // A member of the association reads it but has no form.
      const read = await member.get(draft);
      assert.equal(read.statusCode, 200);
      assert.doesNotMatch(read.body, /name="intent"/);
      assert.equal((await other.get(draft)).statusCode, 404);
      assert.equal((await officer.get(draft)).statusCode, 404, 'a draft is the applicant’s own');
      assert.equal((await handler.get(draft)).statusCode, 404);
      assert.equal((await officer.get(submitted)).statusCode, 200);
      // Another association's representative does not see it; Fristad's council chair does, to give the council's recommendation.
      assert.equal(
        (
          await ta
            .client()
            .signIn('boende2@boras.example')
            .then((c) => c.get(submitted))
        ).statusCode,
        404,
      );
      assert.equal((await rep.get(submitted)).statusCode, 200);
      // A visitor is asked to sign in, whether the application exists or not.
      const visitor = ta.client();
      assert.equal((await visitor.get(draft)).statusCode, 303);
      assert.equal((await visitor.get('/bidrag/ansokningar/00000000-0000-4000-8000-000000000000')).statusCode, 303);
      assert.equal((await rep.get('/bidrag/ansokningar/inte-ett-id')).statusCode, 404);
      // My applications lists Framtid Fristad's only.
      const mine = text((await rep.get('/bidrag/ansokningar')).body);
      assert.match(mine, /Prova-på-dag för nyinflyttade/);
      assert.match(mine, /Ett levande torg i Fristad/);
      assert.doesNotMatch(mine, /Fotboll för alla/);
      // The officers' table of a call: submitted applications, totals against the budget; not for others.
      const table = await officer.get(`/admin/bidrag/aktiverings-och-inkluderingsbidrag/utlysningar/aktiverings-och-inkluderingsbidrag-lopande`);
      assert.equal(table.statusCode, 200);
      const rows = text(table.body);
      assert.match(rows, /Fotboll för alla/);
      assert.match(rows, /Innebandy för seniorer/);
      assert.doesNotMatch(rows, /Prova-på-dag/, 'no drafts');
      assert.match(rows, /Sökt av ansökningar som väntar på beslut 16 500 kr/);
      assert.match(rows, /Kvar av budgeten om alla dessa beviljas 383 500 kr/);
      const filtered = text(
        (await officer.get(`/admin/bidrag/aktiverings-och-inkluderingsbidrag/utlysningar/aktiverings-och-inkluderingsbidrag-lopande?status=more_info`)).body,
      );
      assert.match(filtered, /Innebandy för seniorer/);
      assert.doesNotMatch(filtered, /Fotboll för alla/);
      assert.equal(
        (await officer.get(`/admin/bidrag/aktiverings-och-inkluderingsbidrag/utlysningar/aktiverings-och-inkluderingsbidrag-lopande?status=<x>&sida=-1`))
          .statusCode,
        200,
      );
      assert.equal((await rep.get(`/admin/bidrag/aktiverings-och-inkluderingsbidrag/utlysningar/aktiverings-och-inkluderingsbidrag-lopande`)).statusCode, 403);
    });

    test('a request for more information is answered by the applicant; an application is withdrawn; files are checked by their contents', async (t) => {
      const ta = await createTestApp(t, engine);
      const officer = await ta.client().signIn('bidrag@boras.example');
      const gif = await ta.client().signIn('boende1@boras.example');
      const path = `/bidrag/ansokningar/${await applicationId(ta, 'Fotboll för alla')}`;
      const asked = await officer.post(`${path}/begar-komplettering`, { request: 'Hur många ledare är med?' }, { from: path });
      assert.equal(asked.statusCode, 303);
      const page = text((await gif.get(path)).body);
      assert.match(page, /Komplettering begärd/);
      assert.match(page, /Hur många ledare är med\?/);
      const empty = await gif.post(`${path}/komplettering`, { reply: ' ' }, { from: path });
      assert.equal(empty.statusCode, 422);
      assert.equal((await gif.post(`${path}/komplettering`, { reply: 'Två ledare varje gång.' }, { from: path })).statusCode, 303);
      assert.match(text((await officer.get(path)).body), /Två ledare varje gång\./);
      assert.equal((await gif.post(`${path}/aterkalla`, {}, { from: path })).statusCode, 303);
      assert.match(text((await gif.get(path)).body), /Återkallad/);
      assert.equal((await gif.post(`${path}/aterkalla`, {}, { from: path })).statusCode, 403, 'once is enough');

      // Files: the basic grant asks for the annual meeting's minutes. Seglora byalag met a few days ago.
      const byalag = await ta.client().signIn('boende3@boras.example');
      const app = await start(byalag, `/bidrag/grundbidrag/utlysningar/grundbidrag-${year}`, 'Grundbidrag för Seglora byalag');
      const values = formValues((await byalag.get(app)).body, app);
      assert.equal(values.a_q1, '38', 'the register fills in the members');
      const fake = await postFile(
        ta,
        byalag,
        app,
        app,
        { ...values, intent: 'save' },
        { field: 'a_q3', name: 'protokoll.pdf', type: 'application/pdf', data: Buffer.from('not a pdf') },
      );
      assert.equal(fake.statusCode, 422);
      assert.match(text(fake.body), /Filen måste vara PDF/);
      const pdf = Buffer.from(simplePdf(['Protokoll fört vid årsmöte']));
      const ok = await postFile(
        ta,
        byalag,
        app,
        app,
        { ...values, intent: 'save' },
        { field: 'a_q3', name: 'årsmöte.pdf', type: 'application/pdf', data: pdf },
      );
      assert.equal(ok.statusCode, 303, text(ok.body).slice(0, 500));
      const withFile = await byalag.get(app);
      const href = /href="(\/bidrag\/ansokningar\/[^"]+\/filer\/[^"]+)"/.exec(withFile.body)?.[1] as string;
      assert.ok(href);
      const file = await byalag.get(href);
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.equal(file.headers['cache-control'], 'private, no-store');
      assert.equal((await gif.get(href)).statusCode, 404);
      const submitted = await byalag.post(app, {
        ...formValues(withFile.body, app),
        summary: 'Grundbidrag',
        amount: '3800',
        confirm_3: 'on',
        intent: 'submit',
      });
      assert.equal(submitted.statusCode, 303, text(submitted.body).slice(0, 600));
    });

    test('a submission is refused from the closing minute in Stockholm time, in summer time and in winter time', async (t) => {
      const ta = await createTestApp(t, engine);
      const officer = await ta.client().signIn('admin@boras.example');
      const rep = await ta.client().signIn('foretradare@boras.example');
      const today = new Date().toISOString().slice(0, 10);
      // Summer time begins on the last Sunday of March and ends on the last Sunday of October.
      for (const [closesOn, utc] of [
        [`${year + 1}-03-31`, `${year + 1}-03-31T21:59:00.000Z`],
        [`${year + 1}-11-02`, `${year + 1}-11-02T22:59:00.000Z`],
      ] as const) {
        const callForm = formValues(
          (await officer.get(`${INCLUSION.replace('/bidrag', '/admin/bidrag')}/utlysningar/ny`)).body,
          `${INCLUSION.replace('/bidrag', '/admin/bidrag')}/utlysningar/ny`,
        );
        const title = `Kort utlysning ${closesOn}`;
        const made = await officer.post(`${INCLUSION.replace('/bidrag', '/admin/bidrag')}/utlysningar/ny`, {
          ...callForm,
          title,
          opensOn: today,
          closesOn,
          budget: '50000',
        });
        assert.equal(made.statusCode, 303);
        const [call] = rowsOf<{ slug: string; closes: string }>(
          await ta.database.db.execute(sql`select slug, closes_at as closes from grant_calls where title = ${title}`),
        );
        assert.equal(new Date(call?.closes as string).toISOString(), utc);
        const callPath = `${INCLUSION}/utlysningar/${call?.slug}`;
        const paths = [await start(rep, callPath, `Före ${closesOn}`), await start(rep, callPath, `Efter ${closesOn}`)];
        const deadline = new Date(utc).getTime();
        for (const [i, at] of [deadline - 1000, deadline].entries()) {
          const path = paths[i] as string;
          const values = formValues((await rep.get(path)).body, path);
          ta.services.clock = () => new Date(at);
          const res = await rep.post(path, {
            ...values,
            summary: 'Något',
            amount: '5000',
            a_q1: `${year + 1}-12-01`,
            a_q2: '10',
            a_q3: 'Alla',
            a_q4_item_0: 'Fika',
            a_q4_amount_0: '5000',
            confirm_0: 'on',
            intent: 'submit',
          });
          ta.services.clock = () => new Date();
          if (i === 0) assert.equal(res.statusCode, 303, `a second before ${utc}: ${text(res.body).slice(0, 300)}`);
          else {
            assert.equal(res.statusCode, 422, `at ${utc}`);
            assert.match(text(res.body), /Utlysningen tar inte emot ansökningar nu/);
            assert.match(res.body, /value="Något"|>Något</, 'what was typed is kept');
          }
        }
      }
    });

    test('answers typed while the session ran out are kept: the person signs in again and finds them in the form, unsaved', async (t) => {
      const ta = await createTestApp(t, engine);
      const rep = await ta.client().signIn('foretradare@boras.example');
      const path = `/bidrag/ansokningar/${await applicationId(ta, 'Prova-på-dag för nyinflyttade')}`;
      const values = formValues((await rep.get(path)).body, path);
      // The session ends on the server (it expired) while the form is open.
      await ta.database.db.execute(sql`delete from sessions`);
      const res = await rep.post(path, { ...values, summary: 'En lång text som tog en timme att skriva.', intent: 'save' }, { csrf: false });
      assert.equal(res.statusCode, 303);
      assert.match(res.headers.location as string, /^\/logga-in\?next=/);
      const signIn = await rep.get(res.headers.location as string);
      assert.match(text(signIn.body), /Dina svar är sparade i den här webbläsaren/);
      const back = await rep.post(
        '/logga-in',
        { email: 'foretradare@boras.example', password: 'motesplats-demo', next: path },
        { from: res.headers.location as string },
      );
      assert.equal(back.headers.location, path);
      const restored = await rep.get(path);
      assert.match(text(restored.body), /Här är det du skrev innan du loggades ut/);
      assert.match(restored.body, /En lång text som tog en timme att skriva\./);
      const [row] = rowsOf<{ summary: string }>(
        await ta.database.db.execute(sql`select summary from grant_applications where title = 'Prova-på-dag för nyinflyttade'`),
      );
      assert.notEqual(row?.summary, 'En lång text som tog en timme att skriva.', 'nothing is saved until the person saves');
      // Saving now keeps it; the parked answers are gone.
      const saved = await rep.post(path, { ...formValues(restored.body, path), intent: 'save' }, { from: path });
      assert.equal(saved.statusCode, 303);
      assert.doesNotMatch(text((await rep.get(path)).body), /Här är det du skrev/);
      const [after] = rowsOf<{ summary: string }>(
        await ta.database.db.execute(sql`select summary from grant_applications where title = 'Prova-på-dag för nyinflyttade'`),
      );
      assert.equal(after?.summary, 'En lång text som tog en timme att skriva.');
    });

    test('the officer builds the form from typed questions; a new version never changes an application already begun', async (t) => {
      const ta = await createTestApp(t, engine);
      const officer = await ta.client().signIn('bidrag@boras.example');
      const builder = '/admin/bidrag/aktiverings-och-inkluderingsbidrag/formular';
      const page = await officer.get(builder);
      assert.equal(page.statusCode, 200);
      assert.match(text(page.body), /1 ansökan använder den nuvarande versionen|ansökningar använder den nuvarande versionen/);
      const form = formValues(page.body, builder);
      const bad = await officer.post(builder, { ...form, label_4: 'Hur fick ni veta om bidraget?', kind_4: 'choice', options_4: 'Bara ett' });
      assert.equal(bad.statusCode, 422);
      assert.match(text(bad.body), /Skriv minst två och högst 30 svarsalternativ/);
      assert.match(bad.body, /Hur fick ni veta om bidraget\?/);
      const ok = await officer.post(builder, {
        ...form,
        label_4: 'Hur fick ni veta om bidraget?',
        kind_4: 'choice',
        options_4: 'Webben\nFöreningsträff',
        required_4: 'on',
        remove_0: 'on',
      });
      assert.equal(ok.statusCode, 303);
      assert.match(text((await officer.get(builder)).body), /Formuläret är sparat som version 3|version 3/);
      // A second save from the old page is refused, not written over the new version.
      const stale = await officer.post(builder, { ...form, label_0: 'Ändrat' }, { from: builder });
      assert.equal(stale.statusCode, 409);
      // The draft begun on the earlier version still asks the earlier questions; a new application asks the new ones.
      const rep = await ta.client().signIn('foretradare@boras.example');
      const draft = await rep.get(`/bidrag/ansokningar/${await applicationId(ta, 'Prova-på-dag för nyinflyttade')}`);
      assert.match(text(draft.body), /När äger aktiviteten rum\?/);
      assert.doesNotMatch(text(draft.body), /Hur fick ni veta om bidraget/);
      const fresh = await rep.get(await start(rep, INCLUSION_CALL, 'Ny ansökan'));
      assert.match(text(fresh.body), /Hur fick ni veta om bidraget/);
      assert.doesNotMatch(text(fresh.body), /När äger aktiviteten rum\?/);
      assert.match(text(fresh.body), /Version 3/);
    });

    test('reviewers score against the weighted criteria, each in their own row; a member of the applicant cannot review or decide', async (t) => {
      const ta = await createTestApp(t, engine);
      const path = `/bidrag/ansokningar/${await applicationId(ta, 'Ny lekplats vid bygdegården i Seglora')}`;
      const officer = await ta.client().signIn('bidrag@boras.example');
      const admin = await ta.client().signIn('admin@boras.example');
      const before = text((await officer.get(path)).body);
      assert.match(before, /1 bedömning: genomsnitt 4 av 5, spridning 0/);
      // Two reviewers save at once: both are kept.
      const a = formValues((await admin.get(path)).body, `${path}/bedomning`);
      const b = formValues((await officer.get(path)).body, `${path}/bedomning`);
      const [ra, rb] = await Promise.all([
        admin.post(`${path}/bedomning`, { ...a, score_0: '2', score_1: '2', score_2: '2', score_3: '2', comment: 'Dyrt.' }, { from: path }),
        officer.post(`${path}/bedomning`, { ...b, score_0: '5', score_1: '5', score_2: '5', score_3: '5', comment: 'Utmärkt.' }, { from: path }),
      ]);
      assert.equal(ra.statusCode, 303);
      assert.equal(rb.statusCode, 303);
      const after = text((await officer.get(path)).body);
      assert.match(after, /2 bedömningar: genomsnitt 3,5 av 5, spridning 3/);
      assert.match(after, /Dyrt\./);
      assert.match(after, /Utmärkt\./);
      // The same reviewer's second tab, loaded before their save, is refused rather than written over it.
      const stale = await officer.post(`${path}/bedomning`, { ...b, score_0: '1', comment: 'Gammal flik.' }, { from: path });
      assert.equal(stale.statusCode, 409);
      assert.match(text(stale.body), /ändrats|någon annan|Uppdatera/i);
      const bad = await officer.post(`${path}/bedomning`, { ...formValues((await officer.get(path)).body, `${path}/bedomning`), score_0: '9' }, { from: path });
      assert.equal(bad.statusCode, 422);
      assert.match(text(bad.body), /Välj ett betyg 0–5/);
      // An officer who belongs to the applying association has a conflict of interest: the review and decision are refused.
      await ta.database.db.execute(sql`insert into organisation_members (tenant_id, organisation_id, user_id, role)
        select o.tenant_id, o.id, u.id, 'member' from organisations o, users u where o.name = 'Seglora byalag' and u.email = 'bidrag@boras.example'`);
      const conflicted = await officer.get(path);
      assert.match(text(conflicted.body), /Du är medlem i den sökande organisationen/);
      assert.doesNotMatch(conflicted.body, /action="[^"]*\/bedomning"/);
      assert.doesNotMatch(conflicted.body, /action="[^"]*\/beslut"/);
      assert.equal((await officer.post(`${path}/bedomning`, { score_0: '5' }, { from: path })).statusCode, 403);
      assert.equal((await officer.post(`${path}/beslut`, { outcome: 'grant', amount: '1', reasoning: 'x' }, { from: path })).statusCode, 403);
      // A reviewer who declares a conflict stops scoring.
      const declared = await admin.post(
        `${path}/bedomning`,
        { ...formValues((await admin.get(path)).body, `${path}/bedomning`), conflict: 'on' },
        { from: path },
      );
      assert.equal(declared.statusCode, 303);
      assert.match(text((await admin.get(path)).body), /har anmält jäv/);
    });

    test('the local council recommends; decisions follow delegation or the political meeting, within the budget; the applicant is told and the grant is public', async (t) => {
      const ta = await createTestApp(t, engine);
      const football = `/bidrag/ansokningar/${await applicationId(ta, 'Fotboll för alla')}`;
      const playground = `/bidrag/ansokningar/${await applicationId(ta, 'Ny lekplats vid bygdegården i Seglora')}`;
      // Fristads GoIF is in Fristad: Fristad's council gives its recommendation, Viskafors's does not see it.
      const secretary = await ta.client().signIn('sekreterare@boras.example');
      const council = text((await secretary.get(football)).body);
      assert.match(council, /Ortsrådet har inte lämnat någon rekommendation än/);
      assert.equal((await secretary.get(playground)).statusCode, 404);
      const missing = await secretary.post(`${football}/rekommendation`, { recommendation: 'support', note: '' }, { from: football });
      assert.equal(missing.statusCode, 422);
      assert.equal(
        (await secretary.post(`${football}/rekommendation`, { recommendation: 'support', note: 'Bra för Fristad.' }, { from: football })).statusCode,
        303,
      );
      const officer = await ta.client().signIn('bidrag@boras.example');
      assert.match(text((await officer.get(football)).body), /Tillstyrker · [^·]*Bra för Fristad\./);

      // On the fast track the officer decides under delegation.
      const page = text((await officer.get(football)).body);
      assert.match(page, /Ansökan går på snabbspåret/);
      const more = await officer.post(`${football}/beslut`, { outcome: 'grant', amount: '12 000', reasoning: 'Bra.' }, { from: football });
      assert.equal(more.statusCode, 422);
      assert.match(text(more.body), /Det går inte att bevilja mer än de sökta 10000 kr/);
      const granted = await officer.post(
        `${football}/beslut`,
        { outcome: 'grant', amount: '9 000', conditions: 'Redovisas i juni.', reasoning: 'Når barn utanför lagen.' },
        { from: football },
      );
      assert.equal(granted.statusCode, 303, text(granted.body).slice(0, 500));
      const gif = await ta.client().signIn('boende1@boras.example');
      const told = text((await gif.get(football)).body);
      assert.match(told, /Beviljat 9 000 kr/);
      assert.match(told, /Beslutat av handläggare på delegation/);
      await ta.drain();
      const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(
        await ta.database.db.execute(
          sql`select count(*)::int as n from notifications x join users u on u.id = x.user_id where u.email = 'boende1@boras.example' and x.message_key = 'grants.notify.decided' and x.link = ${football}`,
        ),
      );
      assert.equal(n, 1);
      assert.equal((await officer.post(`${football}/beslut`, { outcome: 'reject', reasoning: 'Igen.' }, { from: football })).statusCode, 403, 'decided once');

      // Above the fast track the decision names the political committee's meeting.
      const noMeeting = await officer.post(`${playground}/beslut`, { outcome: 'grant', amount: '150000', reasoning: 'Bra.' }, { from: playground });
      assert.equal(noMeeting.statusCode, 422);
      assert.match(text(noMeeting.body), /Ange vid vilket sammanträde nämnden beslutade/);
      const form = (await officer.get(playground)).body;
      const meetingId = /<select[^>]*name="meetingId"[\s\S]*?<option value="([0-9a-f-]{36})"/.exec(form)?.[1] as string;
      assert.ok(meetingId);
      // More than the call has left is refused.
      await ta.database.db.execute(sql`update grant_calls set budget = 100000 where title like 'Medel för lokal utveckling, hösten%'`);
      const over = await officer.post(`${playground}/beslut`, { outcome: 'grant', amount: '150000', reasoning: 'Bra.', meetingId }, { from: playground });
      assert.equal(over.statusCode, 422);
      assert.match(text(over.body), /ryms inte i utlysningens budget: 100000 kr är kvar/);
      const ok = await officer.post(
        `${playground}/beslut`,
        { outcome: 'grant', amount: '100000', reasoning: 'Lekplats saknas.', meetingId },
        { from: playground },
      );
      assert.equal(ok.statusCode, 303);
      assert.match(text((await officer.get(playground)).body), /Beslutat av den politiska nämnden vid/);
      // The programme's page says what each call has granted and has left.
      assert.match(text((await ta.client().get('/bidrag/medel-for-lokal-utveckling')).body), /Budget 100 000 kr · beviljat 100 000 kr, kvar 0 kr/);

      // In the open: the list, its totals, the CSV a spreadsheet reads, and the grant's schema.org data.
      const visitor = ta.client();
      const list = text((await visitor.get('/bidrag/beviljade')).body);
      assert.match(list, /Fotboll för alla/);
      assert.match(list, /Ny lekplats vid bygdegården i Seglora/);
      assert.doesNotMatch(list, /Ett levande torg/, 'undecided applications are not listed');
      assert.doesNotMatch(list, /Julbelysning/, 'nor rejected ones');
      const fristad = text((await visitor.get('/bidrag/beviljade?ort=fristad')).body);
      assert.match(fristad, /Fotboll för alla/);
      assert.doesNotMatch(fristad, /Seglora/);
      assert.equal((await visitor.get('/bidrag/beviljade?ort=<x>&ar=abc&sida=0')).statusCode, 200);
      const csv = await visitor.get('/bidrag/beviljade.csv?ort=fristad');
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      assert.ok(csv.body.startsWith('\uFEFFDiarienummer;Organisation;Bidrag;'));
      const lines = csv.body.trim().split('\r\n');
      assert.ok(lines.some((l) => l.includes('Fristads GoIF;Aktiverings- och inkluderingsbidrag;Fotboll för alla;') && l.includes(';9000;')));
      assert.ok(lines.every((l) => !l.includes('Seglora')));
      const id = football.split('/').pop() as string;
      const grant = await visitor.get(`/bidrag/beviljade/${id}`);
      const ld = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(grant.body)?.[1] as string);
      assert.equal(ld['@type'], 'MonetaryGrant');
      assert.deepEqual(ld.amount, { '@type': 'MonetaryAmount', currency: 'SEK', value: 9000 });
      assert.equal(ld.fundedItem.name, 'Fristads GoIF');
      assert.equal((await visitor.get(`/bidrag/beviljade/${await applicationId(ta, 'Ett levande torg i Fristad')}`)).statusCode, 404);
      assert.equal((await visitor.get(`/bidrag/beviljade/${await applicationId(ta, 'Julbelysning längs Storgatan')}`)).statusCode, 404);
      // English readers get commas.
      const en = ta.client();
      await en.get('/sprak/en?next=/');
      assert.ok((await en.get('/bidrag/beviljade.csv')).body.startsWith('\uFEFFReference,Organisation,Grant,'));
    });

    test('after a grant: payments up to the amount granted, a follow-up report returned and approved, reminders once, and an overdue report flagged on the next application', async (t) => {
      const ta = await createTestApp(t, engine);
      const officer = await ta.client().signIn('bidrag@boras.example');
      const byalag = await ta.client().signIn('boende3@boras.example');
      const rest = `/bidrag/ansokningar/${await applicationId(ta, 'Rastplats vid Viskan')}`;
      // Paid in full already: nothing more can be paid.
      assert.match(text((await officer.get(rest)).body), /Utbetalt 45 000 kr av beviljade 45 000 kr/);
      assert.equal((await officer.post(`${rest}/utbetalningar`, { amount: '1', paidOn: `${year}-12-01` }, { from: rest })).statusCode, 422);
      // Its report is overdue: the officers see the flag on the association's other application.
      const playground = `/bidrag/ansokningar/${await applicationId(ta, 'Ny lekplats vid bygdegården i Seglora')}`;
      assert.match(text((await officer.get(playground)).body), /Seglora byalag har 1 annat bidrag med en försenad redovisning/);
      const table = text((await officer.get('/admin/bidrag/medel-for-lokal-utveckling/utlysningar/medel-for-lokal-utveckling-hosten-' + year)).body);
      assert.match(table, /Seglora byalag försenad redovisning/);
      // The reminder job tells the representative once that the report is overdue.
      await ta.services.jobs.upkeep();
      await ta.services.jobs.upkeep();
      await ta.drain();
      const count = async () =>
        rowsOf<{ n: number }>(
          await ta.database.db.execute(
            sql`select count(*)::int as n from notifications x join users u on u.id = x.user_id where u.email = 'boende3@boras.example' and x.message_key = 'grants.notify.reportOverdue'`,
          ),
        )[0]?.n;
      assert.equal(await count(), 1);
      // The association reports; the officer returns it asking for more, then approves it.
      const empty = await byalag.post(`${rest}/redovisning`, { reportText: '', reportParticipants: '', reportSpent: '' }, { from: rest });
      assert.equal(empty.statusCode, 422);
      assert.match(text(empty.body), /Fältet måste fyllas i|Fyll i/);
      assert.equal(
        (await byalag.post(`${rest}/redovisning`, { reportText: 'Bänkarna står på plats.', reportParticipants: '40', reportSpent: '65 000' }, { from: rest }))
          .statusCode,
        303,
      );
      assert.equal((await officer.post(`${rest}/redovisning/beslut`, { decision: 'return', note: '' }, { from: rest })).statusCode, 422);
      assert.equal(
        (await officer.post(`${rest}/redovisning/beslut`, { decision: 'return', note: 'Skicka ett foto på tavlan.' }, { from: rest })).statusCode,
        303,
      );
      const back = await byalag.get(rest);
      assert.match(text(back.body), /Skicka ett foto på tavlan\./);
      assert.match(back.body, /Bänkarna står på plats\./, 'the returned report comes back to be corrected');
      assert.equal(
        (
          await byalag.post(
            `${rest}/redovisning`,
            { reportText: 'Bänkarna och tavlan står på plats.', reportParticipants: '40', reportSpent: '65000' },
            { from: rest },
          )
        ).statusCode,
        303,
      );
      assert.equal((await officer.post(`${rest}/redovisning/beslut`, { decision: 'approve' }, { from: rest })).statusCode, 303);
      assert.match(text((await byalag.get(rest)).body), /godkänd/);
      assert.doesNotMatch(text((await officer.get(playground)).body), /försenad redovisning/);
      // Others may not pay or report.
      assert.equal((await byalag.post(`${rest}/utbetalningar`, { amount: '1', paidOn: `${year}-12-01` }, { from: rest })).statusCode, 403);
    });

    test('a grant shows on its locality’s council page, and a plan’s action names the grant that funds it', async (t) => {
      const ta = await createTestApp(t, engine);
      const visitor = ta.client();
      const council = text((await visitor.get('/ortsrad/viskafors')).body);
      assert.match(council, /Bidrag till orten/);
      assert.match(council, /Rastplats vid Viskan : Seglora byalag, 45 000 kr/);
      assert.doesNotMatch(text((await visitor.get('/ortsrad/fristad')).body), /Rastplats vid Viskan/);
      const grant = await applicationId(ta, 'Rastplats vid Viskan');
      const [action] = rowsOf<{ id: string }>(
        await ta.database.db.execute(
          sql`select a.id from plan_actions a join plans p on p.id = a.plan_id where p.slug = 'viskafors' order by a.created_at limit 1`,
        ),
      );
      const path = `/planer/viskafors/atgarder/${action?.id}`;
      const admin = await ta.client().signIn('admin@boras.example');
      const offered = (await admin.get(path)).body;
      assert.match(offered, new RegExp(`value="grant:${grant}"`));
      // Only a grant awarded can be named: a draft's id is refused.
      const draft = await applicationId(ta, 'Prova-på-dag för nyinflyttade');
      assert.equal((await admin.post(`${path}/lankar`, { target: `grant:${draft}` }, { from: path })).statusCode, 422);
      assert.equal((await admin.post(`${path}/lankar`, { target: `grant:${grant}` }, { from: path })).statusCode, 303);
      // (Viskafors's plan is still a draft, seen from inside.)
      const shown = text((await admin.get(path)).body);
      assert.match(shown, /Bidrag: Rastplats vid Viskan \(Seglora byalag, 45 000 kr\)/);
    });

    test('a representative invites another organisation to apply with them; its members read the application and cannot review it', async (t) => {
      const ta = await createTestApp(t, engine);
      const rep = await ta.client().signIn('foretradare@boras.example');
      const path = `/bidrag/ansokningar/${await applicationId(ta, 'Prova-på-dag för nyinflyttade')}`;
      const gif = await ta.client().signIn('boende1@boras.example');
      assert.equal((await gif.get(path)).statusCode, 404);
      const unknown = await rep.post(`${path}/medsokande`, { organisation: 'Finns inte förening' }, { from: path });
      assert.equal(unknown.statusCode, 422);
      assert.match(text(unknown.body), /Det finns ingen organisation med det namnet/);
      assert.equal((await rep.post(`${path}/medsokande`, { organisation: 'Framtid Fristad' }, { from: path })).statusCode, 422);
      assert.equal((await rep.post(`${path}/medsokande`, { organisation: 'Fristads GoIF' }, { from: path })).statusCode, 303);
      assert.equal((await rep.post(`${path}/medsokande`, { organisation: 'fristads goif' }, { from: path })).statusCode, 422, 'once');
      const read = await gif.get(path);
      assert.equal(read.statusCode, 200);
      assert.match(text(read.body), /Medsökande Fristads GoIF/);
      assert.doesNotMatch(read.body, /name="intent"/, 'a co-applicant reads; the applicant writes');
      assert.match(text((await gif.get('/bidrag/ansokningar')).body), /Prova-på-dag för nyinflyttade/);
      await ta.drain();
      const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(
        await ta.database.db.execute(
          sql`select count(*)::int as n from notifications x join users u on u.id = x.user_id where u.email = 'boende1@boras.example' and x.message_key = 'grants.notify.coApplicant'`,
        ),
      );
      assert.equal(n, 1);
      // An officer who belongs to a co-applicant has a conflict of interest, as with the applicant.
      await ta.database.db.execute(sql`insert into organisation_members (tenant_id, organisation_id, user_id, role)
        select o.tenant_id, o.id, u.id, 'member' from organisations o, users u where o.name = 'Fristads GoIF' and u.email = 'bidrag@boras.example'`);
      const values = formValues((await rep.get(path)).body, path);
      const sent = await rep.post(path, {
        ...values,
        summary: 'En dag för nyinflyttade.',
        amount: '8000',
        a_q1: `${year + 1}-03-01`,
        a_q2: '40',
        a_q3: 'Nyanlända',
        a_q4_item_0: 'Fika',
        a_q4_amount_0: '3000',
        intent: 'submit',
      });
      assert.equal(sent.statusCode, 303, text(sent.body).slice(0, 400));
      const officer = await ta.client().signIn('bidrag@boras.example');
      const page = await officer.get(path);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /action="[^"]*\/bedomning"/);
      assert.equal((await officer.post(`${path}/beslut`, { outcome: 'grant', amount: '1', reasoning: 'x' }, { from: path })).statusCode, 403);
      // Once submitted, the co-applicants are fixed.
      assert.equal((await rep.post(`${path}/medsokande`, { organisation: 'Dalsjöfors GoIF' }, { from: path })).statusCode, 403);
    });
  });
}
