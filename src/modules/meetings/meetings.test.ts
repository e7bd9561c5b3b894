import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, lastMailTo, TESTBY_HOST, text } from '../../../test/helpers/app.js';
import { engines } from '../../../test/helpers/db.js';
import { addMeeting, borasId, councilId, demoMeeting } from '../../../test/helpers/meetings.js';
import { localToUtc } from '../../platform/time.js';
import { actionItems, meetingRegistrations, meetings } from './core/schema.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** A YYYY-MM-DD date some days from now. */
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const meetingForm = (over: Record<string, string> = {}) => ({
  title: 'Extra möte om trafiken',
  description: 'Vi pratar om <trafiken> vid skolan.',
  date: dateIn(20),
  startTime: '18:00',
  endTime: '20:00',
  placeKind: 'address',
  meetingPlaceId: '',
  address: 'Fristads folkets hus',
  onlineUrl: '',
  accessibility: 'Hörslinga finns.',
  capacity: '25',
  registrationOpen: 'on',
  visibility: 'public',
  ...over,
});

for (const engine of engines) {
  describe(`meetings on ${engine}`, () => {
    test('a visitor reads a council’s meetings, agenda and published minutes; the calendar filters them', async (t) => {
      const ta = await createTestApp(t, engine);
      const c = ta.client();
      const council = text((await c.get('/ortsrad/fristad')).body);
      assert.match(council, /Kommande möten/);
      assert.match(council, /Öppna åtgärder/);
      const next = await demoMeeting(ta, 'fristad', 'next');
      const page = await c.get(`/moten/${next}`);
      assert.equal(page.statusCode, 200);
      const body = text(page.body);
      assert.match(body, /Rapport från kommunens kontaktperson/);
      assert.match(body, /18:45 Rapport från kommunens kontaktperson/, 'each agenda item has its clock time');
      assert.match(body, /platser kvar av 40/);
      assert.match(body, /Logga in för att anmäla dig/);
      assert.match(body, /kallelse-ortsrad-fristad\.pdf/);
      assert.doesNotMatch(body, /underlag-budget\.pdf/, 'a members-only document is not listed to a visitor');
      const ld = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(page.body)?.[1] ?? '{}');
      assert.equal(ld['@type'], 'Event');
      assert.equal(ld.eventStatus, 'https://schema.org/EventScheduled');
      assert.equal(ld.location.name, 'Fristads bibliotek');
      assert.equal(ld.organizer.name, 'Ortsråd Fristad');

      const past = await demoMeeting(ta, 'sandared', 'last');
      const minutes = text((await c.get(`/moten/${past}/protokoll`)).body);
      assert.match(minutes, /Protokoll från Ortsråd Sandared/);
      assert.match(minutes, /Version 1/);
      assert.match(minutes, /§ 4/);

      const list = (html: string) => text(/<ul class="meeting-list">[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '');
      const cal = list((await c.get('/kalender?typ=political')).body);
      assert.match(cal, /Kommunfullmäktige|Kommunstyrelsen/);
      assert.doesNotMatch(cal, /Ortsråd Fristad/);
      const byCouncil = list((await c.get('/kalender?ortsrad=dalsjofors-toarp')).body);
      assert.match(byCouncil, /Ortsråd Dalsjöfors\/Toarp/);
      assert.match(byCouncil, /Inställt/, 'a cancelled meeting stays in the calendar, marked');
      assert.doesNotMatch(byCouncil, /Ortsråd Fristad:/);
      const byLocality = list((await c.get('/kalender?ort=boras&typ=area_network')).body);
      assert.match(byLocality, /Områdesnätverk/);
      assert.doesNotMatch(byLocality, /Ortsråd/);
      assert.doesNotMatch(list((await c.get('/kalender')).body), /Kontaktpersonernas nätverksmöte/);
    });

    test('the calendar from a date holds a full page of that date’s meetings, bounded by midnight in Borås', async (t) => {
      const ta = await createTestApp(t, engine);
      const day = dateIn(75);
      const before = dateIn(74);
      const at = (date: string, time: string) => localToUtc(date, time, 'Europe/Stockholm') as Date;
      // Ten evening meetings the day before (ending 22:00 local, 20:00 or 21:00 UTC), then thirty on the day.
      for (let i = 0; i < 10; i++) {
        await addMeeting(ta, 'sandared', { startsAt: at(before, '20:00'), endsAt: at(before, '22:00'), title: `Kvällen innan ${i}`, slugBase: `kvall-${i}` });
      }
      for (let i = 0; i < 30; i++) {
        await addMeeting(ta, 'sandared', { startsAt: at(day, '00:30'), endsAt: at(day, '01:30'), title: `Nattmöte ${i}`, slugBase: `natt-${i}` });
      }
      const c = ta.client();
      const page = await c.get(`/kalender?ortsrad=sandared&fran=${day}&till=${day}`);
      assert.equal(page.statusCode, 200);
      const items = [...page.body.matchAll(/class="meeting-list__item/g)].length;
      assert.equal(items, 25, 'a page is full when there are more meetings than fit');
      assert.doesNotMatch(text(page.body), /Kvällen innan/, 'the evening before is another day in Borås');
      assert.match(page.body, /rel="next"|efter=/, 'the rest is on the next page');
      const evening = await c.get(`/kalender?ortsrad=sandared&fran=${before}&till=${before}`);
      assert.equal([...evening.body.matchAll(/class="meeting-list__item/g)].length, 10, 'a meeting just after midnight UTC+1 is not on the day before');
    });

    test('private and unpublished meetings do not exist for those who may not see them', async (t) => {
      const ta = await createTestApp(t, engine);
      const contactMeeting = await demoMeeting(ta, 'kontaktpersoner', 'next');
      const visitor = ta.client();
      const resident = await ta.client().signIn('invanare@boras.example');
      const contact = await ta.client().signIn('kontaktperson@boras.example');
      for (const c of [visitor, resident]) {
        assert.equal((await c.get(`/moten/${contactMeeting}`)).statusCode, 404);
        assert.equal((await c.get(`/moten/${contactMeeting}/kalender.ics`)).statusCode, 404);
      }
      assert.equal((await contact.get(`/moten/${contactMeeting}`)).statusCode, 200);
      assert.equal((await contact.get('/ortsrad/kontaktpersoner/kalender.ics')).statusCode, 404, 'a private network has no public feed');
      assert.doesNotMatch((await visitor.get('/kalender.ics')).body, /Kontaktpersonernas/);

      const membersOnly = await addMeeting(ta, 'fristad', {
        title: 'Arbetsmöte för styrgruppen',
        visibility: 'members',
        startsAt: new Date(Date.now() + 5 * DAY),
        endsAt: new Date(Date.now() + 5 * DAY + HOUR),
      });
      const draft = await addMeeting(ta, 'fristad', {
        title: 'Utkast till möte',
        status: 'draft',
        startsAt: new Date(Date.now() + 6 * DAY),
        endsAt: new Date(Date.now() + 6 * DAY + HOUR),
      });
      assert.equal((await visitor.get(`/moten/${membersOnly}`)).statusCode, 404);
      assert.equal((await resident.get(`/moten/${membersOnly}`)).statusCode, 200, 'a member of the council sees it');
      assert.equal((await contact.get(`/moten/${membersOnly}`)).statusCode, 200, 'so does its contact person');
      assert.equal(
        (
          await ta
            .client()
            .signIn('handlaggare@boras.example')
            .then((c) => c.get(`/moten/${membersOnly}`))
        ).statusCode,
        404,
      );
      assert.doesNotMatch((await visitor.get('/ortsrad/fristad/kalender.ics')).body, /Arbetsmöte för styrgruppen/);
      assert.equal((await resident.get(`/moten/${draft}`)).statusCode, 404, 'a draft is only for those who run the meeting');
      const secretary = await ta.client().signIn('sekreterare@boras.example');
      assert.equal((await secretary.get(`/moten/${draft}`)).statusCode, 200);
      assert.match(text((await secretary.get('/ortsrad/fristad')).body), /Utkast till möte/);
      assert.doesNotMatch(text((await visitor.get('/ortsrad/fristad')).body), /Utkast till möte/);
      assert.equal((await ta.client(TESTBY_HOST).get(`/moten/${await demoMeeting(ta, 'fristad', 'next')}`)).statusCode, 404);
    });

    test('a secretary schedules a meeting, builds its agenda, publishes it and invites the members', async (t) => {
      const ta = await createTestApp(t, engine);
      const resident = await ta.client().signIn('invanare@boras.example');
      assert.equal((await resident.get('/moten/ny?ortsrad=fristad')).statusCode, 403, 'a member does not schedule meetings');
      const otherChair = await ta.client().signIn('foretradare@boras.example');
      assert.equal((await otherChair.get('/moten/ny?ortsrad=dalsjofors-toarp')).statusCode, 403);
      const editor = await ta.client().signIn('redaktor@boras.example');
      assert.equal((await editor.post('/moten/ny?ortsrad=fristad', meetingForm(), { from: '/kalender' })).statusCode, 403);

      const s = await ta.client().signIn('sekreterare@boras.example');
      const backwards = await s.post('/moten/ny?ortsrad=fristad', meetingForm({ startTime: '20:00', endTime: '19:00' }));
      assert.equal(backwards.statusCode, 422);
      assert.match(text(backwards.body), /Mötet kan inte sluta innan det börjar/);
      assert.match(backwards.body, /value="Extra möte om trafiken"/, 'what was typed is kept');
      assert.match(backwards.body, /Vi pratar om &lt;trafiken>/);
      const noPlace = await s.post('/moten/ny?ortsrad=fristad', meetingForm({ placeKind: 'place' }));
      assert.equal(noPlace.statusCode, 422);
      assert.match(text(noPlace.body), /Välj en mötesplats/);
      const badUrl = await s.post('/moten/ny?ortsrad=fristad', meetingForm({ placeKind: 'online', onlineUrl: 'javascript:alert(1)' }));
      assert.equal(badUrl.statusCode, 422);

      const created = await s.post('/moten/ny?ortsrad=fristad', meetingForm());
      assert.equal(created.statusCode, 303);
      const path = created.headers.location as string;
      assert.equal(path, `/moten/${dateIn(20)}-fristad`);
      assert.equal((await ta.client().get(path)).statusCode, 404, 'a new meeting is a draft');

      assert.equal((await s.post(`${path}/dagordning`, { title: '' })).statusCode, 422);
      for (const [title, minutes] of [
        ['Välkomna', '10'],
        ['Trafiken vid skolan', '45'],
        ['Övriga frågor', '15'],
      ] as const) {
        assert.equal((await s.post(`${path}/dagordning`, { title, presenter: 'Sofia', durationMinutes: minutes })).statusCode, 303);
      }
      const agenda = await s.get(`${path}/dagordning`);
      const third = [...agenda.body.matchAll(/dagordning\/([0-9a-f-]{36})\/flytta/g)].map((m) => m[1]);
      const lastId = third[third.length - 1] as string;
      assert.equal((await s.post(`${path}/dagordning/${lastId}/flytta`, { direction: 'up' }, { from: `${path}/dagordning` })).statusCode, 303);
      assert.equal((await s.post(`${path}/publicera`, {}, { from: path })).statusCode, 303);
      const published = text((await ta.client().get(path)).body);
      assert.match(
        published,
        /18:10 Övriga frågor Föredras av Sofia · 15 minuter 18:25 Trafiken vid skolan/,
        'the moved item comes second, with times that follow',
      );

      // Editing a published meeting raises its SEQUENCE so calendars take the change.
      const before = (await ta.client().get('/ortsrad/fristad/kalender.ics')).body;
      assert.match(before, /SUMMARY:Extra möte om trafiken/);
      const edit = await s.get(`${path}/redigera`);
      const version = /name="version" value="([^"]+)"/.exec(edit.body)?.[1] as string;
      assert.equal((await s.post(`${path}/redigera`, { ...meetingForm({ startTime: '18:30', endTime: '20:30' }), version })).statusCode, 303);
      const stale = await s.post(`${path}/redigera`, { ...meetingForm({ title: 'Gammal flik' }), version });
      assert.equal(stale.statusCode, 409, 'a form loaded before someone else’s change is refused');

      const invite = await s.post(`${path}/bjud-in`, {}, { from: path });
      assert.equal(invite.statusCode, 303);
      const mail = await lastMailTo(ta, 'invanare@boras.example');
      assert.match(mail?.subject ?? '', /Inbjudan: Extra möte om trafiken/);
      assert.match(mail?.text ?? '', new RegExp(`/moten/${dateIn(20)}-fristad`));
    });

    test('a refused publish, invitation or cancellation says why where the person is looking, and a started meeting cannot be cancelled', async (t) => {
      const ta = await createTestApp(t, engine);
      const s = await ta.client().signIn('sekreterare@boras.example');
      const errorsOf = (html: string) => text(/<section class="manage[\s\S]*?<\/section>/.exec(html)?.[0] ?? '');
      // Two tabs: one cancels the draft, the other, loaded before, tries to publish it.
      const draft = await addMeeting(ta, 'fristad', {
        startsAt: new Date(Date.now() + 10 * DAY),
        endsAt: new Date(Date.now() + 10 * DAY + 2 * HOUR),
        status: 'draft',
      });
      const invite = await s.post(`/moten/${draft}/bjud-in`, {}, { from: `/moten/${draft}` });
      assert.equal(invite.statusCode, 409);
      assert.match(errorsOf(invite.body), /Publicera mötet först/);
      assert.equal((await s.post(`/moten/${draft}/stall-in`, { reason: 'Lokalen är upptagen' }, { from: `/moten/${draft}` })).statusCode, 303);
      const publish = await s.post(`/moten/${draft}/publicera`, {}, { from: `/moten/${draft}` });
      assert.equal(publish.statusCode, 409);
      assert.match(
        errorsOf(publish.body),
        /Det finns problem[\s\S]*Mötet är inställt/,
        'the message is in the management panel, which a cancelled meeting still has',
      );

      const started = await addMeeting(ta, 'fristad', { startsAt: new Date(Date.now() - 10 * 60_000), endsAt: new Date(Date.now() + HOUR) });
      const page = await s.get(`/moten/${started}`);
      assert.doesNotMatch(page.body, /stall-in/, 'a started meeting offers no cancellation');
      const cancel = await s.post(`/moten/${started}/stall-in`, { reason: 'Sent påkommet' }, { from: `/moten/${draft}` });
      assert.equal(cancel.statusCode, 409);
      assert.match(errorsOf(cancel.body), /Mötet har redan börjat och kan inte längre ställas in/);
      const [row] = await ta.database.db.select({ status: meetings.status }).from(meetings).where(eq(meetings.slug, started));
      assert.equal(row?.status, 'published');
      const en = await ta.client().signIn('sekreterare@boras.example');
      await en.get('/sprak/en');
      const english = await en.post(`/moten/${started}/stall-in`, { reason: 'Sudden' }, { from: `/moten/${draft}` });
      assert.match(errorsOf(english.body), /The meeting has already started and can no longer be cancelled/);
    });

    test('the same form sent fifty times at once makes one meeting, and one agenda item', async (t) => {
      const ta = await createTestApp(t, engine);
      const s = await ta.client().signIn('sekreterare@boras.example');
      const hidden = (body: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(body)?.[1] as string;
      const send = (url: string, form: Record<string, string>) =>
        ta.app.inject({
          method: 'POST',
          url,
          headers: { host: 'localhost', cookie: s.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(form).toString(),
        });
      const page = (await s.get('/moten/ny?ortsrad=fristad')).body;
      const form = { ...meetingForm({ title: 'Möte som skickades många gånger' }), _csrf: hidden(page, '_csrf'), _submission: hidden(page, '_submission') };
      assert.ok(form._submission, 'the form carries a one-time key');
      // A double click, a browser sending again, an impatient person: fifty copies of one form.
      const answers = await Promise.all(Array.from({ length: 50 }, () => send('/moten/ny?ortsrad=fristad', form)));
      assert.deepEqual([...new Set(answers.map((a) => `${a.statusCode} ${a.headers.location}`))], [`303 /moten/${dateIn(20)}-fristad`]);
      const made = await ta.database.db.select().from(meetings).where(eq(meetings.title, 'Möte som skickades många gånger'));
      assert.equal(made.length, 1);
      const { auditLog } = await import('../../platform/audit/schema.js');
      const audits = await ta.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.recordId, made[0]?.id as string));
      assert.equal(audits.filter((a) => a.action === 'meeting.create').length, 1);
      // Sent again later, it still leads to the same meeting; a new form makes a new one.
      assert.equal((await send('/moten/ny?ortsrad=fristad', form)).headers.location, `/moten/${dateIn(20)}-fristad`);
      const fresh = (await s.get('/moten/ny?ortsrad=fristad')).body;
      assert.notEqual(hidden(fresh, '_submission'), form._submission);
      const second = await send('/moten/ny?ortsrad=fristad', { ...form, _submission: hidden(fresh, '_submission') });
      assert.equal(second.headers.location, `/moten/${dateIn(20)}-fristad-2`);

      const slug = `${dateIn(20)}-fristad`;
      const agenda = (await s.get(`/moten/${slug}/dagordning`)).body;
      const item = {
        _csrf: hidden(agenda, '_csrf'),
        _submission: hidden(agenda, '_submission'),
        title: 'Trafiken vid skolan',
        presenter: '',
        durationMinutes: '15',
        description: '',
      };
      const added = await Promise.all(Array.from({ length: 50 }, () => send(`/moten/${slug}/dagordning`, item)));
      assert.ok(added.every((a) => a.statusCode === 303));
      const after = text((await s.get(`/moten/${slug}`)).body);
      assert.equal(after.split('Trafiken vid skolan').length - 1, 1, 'the item is on the agenda once');
    });

    test('fifty people registering at once for ten places: exactly ten get in', async (t) => {
      const ta = await createTestApp(t, engine);
      const slug = await addMeeting(ta, 'fristad', {
        title: 'Populärt möte',
        capacity: 10,
        startsAt: new Date(`${dateIn(10)}T16:00:00Z`),
        endsAt: new Date(`${dateIn(10)}T18:00:00Z`),
      });
      const { createVerifiedUser } = await import('../accounts/index.js');
      const { borasId } = await import('../../../test/helpers/meetings.js');
      const tenantId = await borasId(ta);
      const people = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          createVerifiedUser(ta.database.db, tenantId, { email: `ko${i}@example.se`, name: `Person ${i}`, password: 'motesplats-demo' }),
        ),
      );
      const clients = [];
      for (const p of people) clients.push(await ta.client().signIn(p.email));
      // Each reads the page (and its CSRF token) first; then all post at the same moment.
      const tokens = await Promise.all(clients.map(async (c) => /name="_csrf" value="([^"]+)"/.exec((await c.get(`/moten/${slug}`)).body)?.[1] as string));
      const answers = await Promise.all(
        clients.map((c, i) =>
          ta.app.inject({
            method: 'POST',
            url: `/moten/${slug}/anmalan`,
            headers: { host: 'localhost', cookie: c.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
            payload: new URLSearchParams({ answer: 'registered', organisationId: '', note: '', _csrf: tokens[i] as string }).toString(),
          }),
        ),
      );
      assert.equal(answers.filter((a) => a.statusCode === 303).length, 10);
      const refused = answers.filter((a) => a.statusCode === 409);
      assert.equal(refused.length, 40);
      assert.match(text(refused[0]?.body ?? ''), /Mötet är fullbokat/);
      const [meeting] = await ta.database.db.select().from(meetings).where(eq(meetings.slug, slug));
      const rows = await ta.database.db
        .select()
        .from(meetingRegistrations)
        .where(eq(meetingRegistrations.meetingId, meeting?.id as string));
      assert.equal(rows.filter((r) => r.status === 'registered').length, 10);
      // Answering twice changes the answer instead of adding one; declining frees the place.
      const first = clients[answers.findIndex((a) => a.statusCode === 303)];
      assert.ok(first);
      assert.equal((await first.post(`/moten/${slug}/anmalan`, { answer: 'registered', organisationId: '', note: 'igen' })).statusCode, 303);
      assert.equal((await first.post(`/moten/${slug}/anmalan`, { answer: 'declined', organisationId: '', note: '' })).statusCode, 303);
      const waiting = clients[answers.findIndex((a) => a.statusCode === 409)];
      assert.ok(waiting);
      assert.equal((await waiting.post(`/moten/${slug}/anmalan`, { answer: 'registered', organisationId: '', note: '' })).statusCode, 303);
      assert.match(text((await ta.client().get(`/moten/${slug}`)).body), /Fullbokat \(10 platser\)/);
      assert.equal(
        (await ta.client().post(`/moten/${slug}/anmalan`, { answer: 'registered' }, { from: '/logga-in' })).statusCode,
        403,
        'a visitor cannot register',
      );
    });

    test('attendance and minutes: draft, justering, return, publication, read-only, correction, action items', async (t) => {
      const ta = await createTestApp(t, engine);
      const slug = await addMeeting(ta, 'fristad', {
        title: 'Ortsrådets höstmöte',
        startsAt: new Date(Date.now() - 3 * HOUR),
        endsAt: new Date(Date.now() - HOUR),
        agenda: [{ title: 'Öppnande' }, { title: 'Gatubelysningen' }],
      });
      const s = await ta.client().signIn('sekreterare@boras.example');
      const ingrid = await ta.client().signIn('invanare@boras.example');
      const fredrik = await ta.client().signIn('foretradare@boras.example');
      const visitor = ta.client();
      assert.equal((await visitor.get(`/moten/${slug}/protokoll`)).statusCode, 404, 'minutes that do not exist are not found');
      assert.equal((await ingrid.get(`/moten/${slug}/narvaro`)).statusCode, 403);

      const att = await s.get(`/moten/${slug}/narvaro`);
      const ingridId = /name="people" value="([0-9a-f-]{36})"[^>]*>\s*<label[^>]*>Ingrid Invånare/.exec(att.body)?.[1] as string;
      const fredrikId = /name="people" value="([0-9a-f-]{36})"[^>]*>\s*<label[^>]*>Fredrik Företrädare/.exec(att.body)?.[1] as string;
      const goif = /name="organisations" value="([0-9a-f-]{36})"[^>]*>\s*<label[^>]*>Fristads GoIF/.exec(att.body)?.[1] as string;
      assert.ok(ingridId && fredrikId && goif);
      const foreign = await s.post(`/moten/${slug}/narvaro`, { people: '00000000-0000-4000-8000-000000000000' });
      assert.equal(foreign.statusCode, 409, 'only the council’s people and those registered can be recorded');
      const savedAtt = await ta.app.inject({
        method: 'POST',
        url: `/moten/${slug}/narvaro`,
        headers: { host: 'localhost', cookie: s.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: `people=${ingridId}&people=${fredrikId}&organisations=${goif}&guests=${encodeURIComponent('Karin Gäst\nOlle Besökare')}&_csrf=${/name="_csrf" value="([^"]+)"/.exec(att.body)?.[1]}`,
      });
      assert.equal(savedAtt.statusCode, 303);

      assert.equal((await s.post(`/moten/${slug}/protokoll`, {}, { from: `/moten/${slug}` })).statusCode, 303);
      const form = await s.get(`/moten/${slug}/protokoll/redigera`);
      assert.equal(form.statusCode, 200);
      const version = /name="version" value="([^"]+)"/.exec(form.body)?.[1] as string;
      const draft = {
        version,
        preamble: 'Ordföranden öppnade mötet.',
        discussion_0: '',
        decisions_0: 'Dagordningen godkändes.',
        discussion_1: 'Flera lampor är trasiga längs <Skolgatan>.',
        decisions_1: 'Frågan lämnas till kommunen.',
        action_1_0_key: '',
        action_1_0_description: 'Anmäla trasiga lampor till Tekniska förvaltningen',
        action_1_0_owner: 'Karl Kontaktperson',
        action_1_0_ownerId: '',
        action_1_0_due: 'inte ett datum',
        checker1: '',
        checker2: '',
      };
      const badDate = await s.post(`/moten/${slug}/protokoll/redigera`, draft);
      assert.equal(badDate.statusCode, 422);
      assert.match(text(badDate.body), /Skriv ett datum som ÅÅÅÅ-MM-DD/);
      assert.match(badDate.body, /Flera lampor är trasiga längs &lt;Skolgatan>/, 'nothing typed is lost');
      const saved = await s.post(`/moten/${slug}/protokoll/redigera`, { ...draft, action_1_0_due: dateIn(30) });
      assert.equal(saved.statusCode, 303);
      const noCheckers = await s.post(`/moten/${slug}/protokoll/justering`, {}, { from: `/moten/${slug}/protokoll` });
      assert.equal(noCheckers.statusCode, 409);
      assert.match(text(noCheckers.body), /Välj minst en justerare/);
      const form2 = await s.get(`/moten/${slug}/protokoll/redigera`);
      const v2 = /name="version" value="([^"]+)"/.exec(form2.body)?.[1] as string;
      const key = /name="action_1_0_key" value="([0-9a-f]{12})"/.exec(form2.body)?.[1] as string;
      assert.ok(key, 'the action item keeps its key');
      const stranger = await s.post(`/moten/${slug}/protokoll/redigera`, {
        ...draft,
        version: v2,
        action_1_0_key: key,
        action_1_0_due: dateIn(30),
        action_1_0_ownerId: '00000000-0000-4000-8000-000000000000',
      });
      assert.equal(stranger.statusCode, 422, 'an action item is given only to one of the council’s people');
      const withCheckers = {
        ...draft,
        version: v2,
        action_1_0_key: key,
        action_1_0_due: dateIn(30),
        action_1_0_ownerId: ingridId,
        checker1: ingridId,
        checker2: fredrikId,
      };
      assert.equal((await s.post(`/moten/${slug}/protokoll/redigera`, withCheckers)).statusCode, 303);
      assert.equal((await ingrid.get(`/moten/${slug}/protokoll`)).statusCode, 404, 'a checker reads the draft only once it is sent');
      assert.equal((await s.post(`/moten/${slug}/protokoll/justering`, {}, { from: `/moten/${slug}/protokoll` })).statusCode, 303);
      assert.equal((await visitor.get(`/moten/${slug}/protokoll`)).statusCode, 404);
      assert.match(text((await ingrid.get('/mina-moten')).body), /Protokoll att justera .*Ortsrådets höstmöte, \d+ \S+ \d{4} \(Version 1\)/);
      assert.match(text((await ingrid.get(`/moten/${slug}`)).body), /Protokollet \(hos justerarna\) – öppna det/);
      const locked = await s.post(`/moten/${slug}/protokoll/redigera`, withCheckers, { from: `/moten/${slug}/protokoll` });
      assert.equal(locked.statusCode, 409);
      assert.match(text(locked.body), /hos justerarna/);

      // Fredrik sends it back; the secretary fixes it; both approve.
      const fredrikPage = await fredrik.get(`/moten/${slug}/protokoll`);
      assert.match(text(fredrikPage.body), /Justera protokollet/);
      assert.equal((await fredrik.post(`/moten/${slug}/protokoll/aterlamna`, { returnNote: '' }, { from: `/moten/${slug}/protokoll` })).statusCode, 409);
      assert.equal(
        (await fredrik.post(`/moten/${slug}/protokoll/aterlamna`, { returnNote: 'Stava Skolgatan rätt.' }, { from: `/moten/${slug}/protokoll` })).statusCode,
        303,
      );
      assert.match(text((await s.get(`/moten/${slug}/protokoll`)).body), /Skickat tillbaka av justerare: Stava Skolgatan rätt\./);
      const form3 = await s.get(`/moten/${slug}/protokoll/redigera`);
      const v3 = /name="version" value="([^"]+)"/.exec(form3.body)?.[1] as string;
      assert.equal(
        (await s.post(`/moten/${slug}/protokoll/redigera`, { ...withCheckers, version: v3, discussion_1: 'Flera lampor är trasiga längs Skolgatan.' }))
          .statusCode,
        303,
      );
      assert.equal((await s.post(`/moten/${slug}/protokoll/justering`, {}, { from: `/moten/${slug}/protokoll` })).statusCode, 303);
      assert.equal((await s.post(`/moten/${slug}/protokoll/publicera`, {}, { from: `/moten/${slug}/protokoll` })).statusCode, 409, 'not before justering');
      assert.equal((await s.post(`/moten/${slug}/protokoll/justera`, {}, { from: `/moten/${slug}/protokoll` })).statusCode, 403, 'only a checker checks');
      assert.equal((await ingrid.post(`/moten/${slug}/protokoll/justera`, {}, { from: `/moten/${slug}/protokoll` })).statusCode, 303);
      assert.match(text((await s.get(`/moten/${slug}/protokoll`)).body), /Väntar på justering av Fredrik Företrädare/);
      assert.equal((await fredrik.post(`/moten/${slug}/protokoll/justera`, {}, { from: `/moten/${slug}/protokoll` })).statusCode, 303);
      assert.equal((await s.post(`/moten/${slug}/protokoll/publicera`, {}, { from: `/moten/${slug}/protokoll` })).statusCode, 303);

      const read = text((await visitor.get(`/moten/${slug}/protokoll`)).body);
      assert.match(read, /Flera lampor är trasiga längs Skolgatan\./);
      assert.match(read, /Justerat av Ingrid Invånare, Fredrik Företrädare|Justerat av Fredrik Företrädare, Ingrid Invånare/);
      // The chair and the checkers are named; guests without an account are counted, not named, in public.
      assert.match(read, /Fredrik Företrädare, Ingrid Invånare, Fristads GoIF, 2 gäster/);
      assert.doesNotMatch(read, /Karin Gäst|Olle Besökare/);
      assert.match(text((await s.get(`/moten/${slug}/protokoll`)).body), /Fristads GoIF, Karin Gäst, Olle Besökare/);
      assert.match(read, /Anmäla trasiga lampor till Tekniska förvaltningen \(Ansvarig: Karl Kontaktperson/);
      // Ingrid's own export holds that she was recorded as present and that she checked these minutes.
      const mine = JSON.parse((await ingrid.get('/profil/export')).body).meetings;
      assert.ok(mine.attendance.some((a: { meeting: string }) => a.meeting === 'Ortsrådets höstmöte'));
      assert.deepEqual(
        mine.minutes
          .filter((m: { meeting: string; checker: boolean }) => m.meeting === 'Ortsrådets höstmöte' && m.checker)
          .map((m: { checked: boolean }) => m.checked),
        [true],
      );
      assert.ok(Array.isArray(mine.registrations));
      assert.match(
        text((await visitor.get('/ortsrad/fristad')).body),
        /Anmäla trasiga lampor till Tekniska förvaltningen/,
        'the open action item is on the council page',
      );
      // Ingrid was given the action item: she is told at once, in the service and by mail (what concerns her is mailed at once).
      await ta.drain();
      assert.match(text((await ingrid.get('/notiser')).body), /Uppdrag till dig från Ortsråd Fristad: Anmäla trasiga lampor till Tekniska förvaltningen/);
      const given = await lastMailTo(ta, 'invanare@boras.example');
      assert.equal(given?.subject, 'Uppdrag till dig från Ortsråd Fristad: Anmäla trasiga lampor till Tekniska förvaltningen');
      // Once its day has passed it is overdue, and she is told once, however often the worker looks.
      await ta.database.db.execute(sql`update action_items set due_date = current_date - 2 where description like 'Anmäla trasiga lampor%'`);
      await ta.services.jobs.upkeep(Date.now() + 2 * 3600_000);
      await ta.services.jobs.upkeep(Date.now() + 4 * 3600_000);
      const overdue = text((await ingrid.get('/notiser')).body).match(/Försenat uppdrag från Ortsråd Fristad: Anmäla trasiga lampor/g) ?? [];
      assert.equal(overdue.length, 1);

      // Published minutes are read-only; a correction is a new version and the old one stays.
      const refused = await s.post(`/moten/${slug}/protokoll/redigera`, { ...withCheckers, version: v3 });
      assert.equal(refused.statusCode, 409);
      assert.match(text(refused.body), /Protokollet är publicerat och kan inte ändras/);
      assert.equal((await s.post(`/moten/${slug}/protokoll/rattelse`, {}, { from: `/moten/${slug}/protokoll` })).statusCode, 303);
      const corr = await s.get(`/moten/${slug}/protokoll/redigera`);
      const cv = /name="version" value="([^"]+)"/.exec(corr.body)?.[1] as string;
      const noNote = await s.post(`/moten/${slug}/protokoll/redigera`, { ...withCheckers, version: cv });
      assert.equal(noNote.statusCode, 422, 'a correction says what it corrects');
      assert.equal(
        (
          await s.post(`/moten/${slug}/protokoll/redigera`, {
            ...withCheckers,
            version: cv,
            correctionNote: 'Beslutet under § 2 var fel formulerat.',
            decisions_1: 'Frågan lämnas till Tekniska förvaltningen.',
            action_1_0_description: '',
            action_1_0_owner: '',
            action_1_0_ownerId: '',
            action_1_0_due: '',
          })
        ).statusCode,
        303,
      );
      assert.match(
        text((await visitor.get(`/moten/${slug}/protokoll`)).body),
        /Frågan lämnas till kommunen\./,
        'version 1 stands until the correction is published',
      );
      await s.post(`/moten/${slug}/protokoll/justering`, {}, { from: `/moten/${slug}/protokoll` });
      await ingrid.post(`/moten/${slug}/protokoll/justera`, {}, { from: `/moten/${slug}/protokoll` });
      await fredrik.post(`/moten/${slug}/protokoll/justera`, {}, { from: `/moten/${slug}/protokoll` });
      assert.equal((await s.post(`/moten/${slug}/protokoll/publicera`, {}, { from: `/moten/${slug}/protokoll` })).statusCode, 303);
      const v2page = text((await visitor.get(`/moten/${slug}/protokoll`)).body);
      assert.match(v2page, /Version 2/);
      assert.match(v2page, /Rättelse: Beslutet under § 2 var fel formulerat\./);
      assert.match(v2page, /Frågan lämnas till Tekniska förvaltningen\./);
      const v1page = text((await visitor.get(`/moten/${slug}/protokoll?version=1`)).body);
      assert.match(v1page, /Den här versionen är ersatt av en rättelse/);
      assert.match(v1page, /Frågan lämnas till kommunen\./);
      assert.doesNotMatch(text((await visitor.get('/ortsrad/fristad')).body), /Anmäla trasiga lampor/, 'an action item the correction removed is withdrawn');
    });

    test('an open action item is marked done by those who run the council and leaves the lists', async (t) => {
      const ta = await createTestApp(t, engine);
      const visitor = ta.client();
      const council = await visitor.get('/ortsrad/fristad');
      const link = /href="\/moten\/([^"]+)\/protokoll">[^<]+<\/a>\)/.exec(council.body);
      assert.ok(link, 'an open action item links to the minutes it came from');
      const slug = link[1] as string;
      const s = await ta.client().signIn('sekreterare@boras.example');
      const minutes = await s.get(`/moten/${slug}/protokoll`);
      const action = /action="\/moten\/[^"]+\/atgarder\/([0-9a-f-]{36})"/.exec(minutes.body)?.[1] as string;
      const what = /Markera som klar: ([^<]+)</.exec(minutes.body)?.[1] as string;
      assert.ok(action && what);
      assert.equal((await visitor.post(`/moten/${slug}/atgarder/${action}`, { done: 'true' }, { from: '/logga-in' })).statusCode, 403);
      assert.equal((await s.post(`/moten/${slug}/atgarder/${action}`, { done: 'true' }, { from: `/moten/${slug}/protokoll` })).statusCode, 303);
      assert.doesNotMatch(text((await visitor.get('/ortsrad/fristad')).body), new RegExp(what.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.match(text((await visitor.get(`/moten/${slug}/protokoll`)).body), /Klar\)/);
    });

    test('a council page shows its ten most urgent open action items and links to all of them, fifty a page', async (t) => {
      const ta = await createTestApp(t, engine);
      const db = ta.database.db;
      const council = await councilId(ta, 'fristad');
      const [past] = await db
        .select({ id: meetings.id })
        .from(meetings)
        .where(eq(meetings.slug, await demoMeeting(ta, 'fristad', 'last')));
      const tenantId = await borasId(ta);
      const before = text((await ta.client().get('/ortsrad/fristad/atgarder')).body);
      const already = (before.match(/Ansvarig:/g) ?? []).length;
      // Sixty more: due on days 1 to 60 of 2030, so they come after the demo's own dated items.
      await db.insert(actionItems).values(
        Array.from({ length: 60 }, (_, i) => ({
          tenantId,
          meetingId: past?.id as string,
          councilId: council,
          key: `test-${i}`,
          description: `Teståtgärd ${String(i + 1).padStart(2, '0')}`,
          owner: 'Föreningen',
          dueDate: `2030-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
        })),
      );
      const visitor = ta.client();
      const page = text((await visitor.get('/ortsrad/fristad')).body);
      const shown = (page.match(/Ansvarig:/g) ?? []).length;
      assert.equal(shown, 10, 'ten action items on the council page');
      assert.match(page, new RegExp(`Alla öppna åtgärder \\(${already + 60}\\)`));

      const first = await visitor.get('/ortsrad/fristad/atgarder');
      assert.equal(first.statusCode, 200);
      const one = text(first.body);
      assert.equal((one.match(/Ansvarig:/g) ?? []).length, 50);
      const next = /href="(\/ortsrad\/fristad\/atgarder\?efter=[0-9a-f-]{36})" rel="next"/.exec(first.body)?.[1];
      assert.ok(next, 'a link to the next page');
      const two = text((await visitor.get(next)).body);
      assert.equal((two.match(/Ansvarig:/g) ?? []).length, already + 10);
      assert.doesNotMatch(two, /rel="next"/);
      // In due order across the pages, with nothing twice and nothing left out.
      const numbers = [...`${one} ${two}`.matchAll(/Teståtgärd (\d\d)/g)].map((m) => Number(m[1]));
      assert.deepEqual(
        numbers,
        Array.from({ length: 60 }, (_, i) => i + 1),
      );

      const english = ta.client();
      await english.get('/sprak/en?next=/');
      assert.match(text((await english.get('/ortsrad/fristad/atgarder')).body), /Open action items – Ortsråd Fristad/);
      assert.match(text((await english.get('/ortsrad/fristad')).body), new RegExp(`All open action items \\(${already + 60}\\)`));
      // A private network's list is as private as the network; a broken cursor starts from the top.
      assert.equal((await visitor.get('/ortsrad/kontaktpersoner/atgarder')).statusCode, 404);
      assert.equal((await (await ta.client().signIn('kontaktperson@boras.example')).get('/ortsrad/kontaktpersoner/atgarder')).statusCode, 200);
      assert.equal((await visitor.get('/ortsrad/fristad/atgarder?efter=%3Cscript%3E')).statusCode, 200);
    });

    test('the political calendar is kept by editors', async (t) => {
      const ta = await createTestApp(t, engine);
      const resident = await ta.client().signIn('invanare@boras.example');
      assert.equal((await resident.get('/moten/ny?organ=kommunfullmaktige')).statusCode, 403);
      assert.equal((await resident.get('/admin/organ')).statusCode, 403);
      const editor = await ta.client().signIn('redaktor@boras.example');
      assert.match(text((await editor.get('/kalender')).body), /Lägg in ett sammanträde/);
      const form = await editor.get('/moten/ny?organ=kommunfullmaktige');
      const bodyId = /<option value="([0-9a-f-]{36})" selected>Kommunfullmäktige/.exec(form.body)?.[1] as string;
      assert.ok(bodyId);
      const created = await editor.post('/moten/ny?organ=', {
        ...meetingForm({ title: 'Kommunfullmäktige, extra sammanträde', placeKind: 'address', address: 'Stadshuset' }),
        bodyId,
      });
      assert.equal(created.statusCode, 303);
      const path = created.headers.location as string;
      assert.match(path, /kommunfullmaktige/);
      assert.equal((await editor.post(`${path}/publicera`, {}, { from: path })).statusCode, 303);
      assert.match(text((await ta.client().get('/kalender?typ=political')).body), /Kommunfullmäktige, extra sammanträde/);
      assert.equal((await editor.post('/admin/organ/ny', { name: 'Tekniska nämnden', slug: '', description: '' })).statusCode, 303);
      assert.match(text((await editor.get('/admin/organ')).body), /Tekniska nämnden/);
    });

    test('a second municipality sees none of Borås’s meetings, feeds or places', async (t) => {
      const ta = await createTestApp(t, engine);
      const testby = ta.client(TESTBY_HOST);
      for (const path of ['/kalender', '/kalender?typ=political', '/kalender.ics', '/motesplatser']) {
        const res = await testby.get(path);
        assert.equal(res.statusCode, 200, path);
        assert.doesNotMatch(res.body, /Fristad|Kommunfullmäktige|Stadshuset|Dalsjöfors/, path);
      }
      for (const path of ['/motesplatser/fristads-bibliotek', '/ortsrad/fristad/kalender.ics', '/organisationer/framtid-fristad/kalender.ics']) {
        assert.equal((await testby.get(path)).statusCode, 404, path);
      }
    });
  });
}
