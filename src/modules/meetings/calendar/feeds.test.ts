import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { createTestApp, text } from '../../../../test/helpers/app.js';
import { engines } from '../../../../test/helpers/db.js';
import { addMeeting, demoMeeting } from '../../../../test/helpers/meetings.js';
import { buildCalendar, fold } from '../../../platform/ical.js';
import { localParts } from '../../../platform/time.js';
import { meetings } from '../core/schema.js';

/** Parses a feed with an independent parser (Mozilla's ical.js) and returns its events by UID. */
function parse(body: string) {
  const comp = new ICAL.Component(ICAL.parse(body));
  for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const events = new Map<string, { event: ICAL.Event; component: ICAL.Component }>();
  for (const v of comp.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(v);
    events.set(event.uid, { event, component: v });
  }
  return { comp, events };
}

const DAY = 24 * 3600_000;

describe('iCalendar text', () => {
  test('lines are folded at 75 octets without splitting a character, and text is escaped', () => {
    const long = `SUMMARY:${'Åäö, möte; i ortsrådet '.repeat(8)}`;
    const folded = fold(long);
    for (const line of folded.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
    assert.equal(folded.replace(/\r\n /g, ''), long);
    const body = buildCalendar({
      name: 'Test',
      timeZone: 'Europe/Stockholm',
      events: [
        {
          uid: 'x@motesplats',
          start: new Date('2026-03-29T00:30:00Z'),
          end: new Date('2026-03-29T01:30:00Z'),
          summary: 'Möte; med, tecken\\ och\nrader',
          description: 'Rad 1\nRad 2',
          location: '',
          url: 'https://example.se/x',
          status: 'CONFIRMED',
          sequence: 0,
          created: new Date(),
          lastModified: new Date(),
        },
      ],
    });
    assert.ok(body.endsWith('\r\n'));
    assert.doesNotMatch(body.replace(/\r\n/g, ''), /\n/, 'every line ends in CRLF');
    const { events } = parse(body);
    const e = events.get('x@motesplats');
    assert.equal(e?.event.summary, 'Möte; med, tecken\\ och\nrader');
    // 00:30 UTC on the day the clocks go forward is 01:30 in Stockholm; 01:30 UTC is 03:30.
    assert.equal(e?.event.startDate.toString(), '2026-03-29T01:30:00');
    assert.equal(e?.event.endDate.toString(), '2026-03-29T03:30:00');
    assert.equal(e?.event.endDate.toJSDate().toISOString(), '2026-03-29T01:30:00.000Z');
  });
});

for (const engine of engines) {
  describe(`meeting feeds on ${engine}`, () => {
    test('a council’s feed, read by an independent parser, carries each meeting field by field, and changes through SEQUENCE and STATUS', async (t) => {
      const ta = await createTestApp(t, engine);
      const c = ta.client();
      const res = await c.get('/ortsrad/fristad/kalender.ics');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/calendar; charset=utf-8/);
      const { comp, events } = parse(res.body);
      assert.equal(comp.getFirstPropertyValue('version'), '2.0');
      assert.equal(comp.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid'), 'Europe/Stockholm');
      // A repeat read is the kept feed, without reading the meetings again; no-cache builds it anew.
      const built = await c.get('/ortsrad/fristad/kalender.ics', { 'cache-control': 'no-cache' });
      const kept = await c.get('/ortsrad/fristad/kalender.ics');
      assert.equal(kept.body, built.body);
      assert.equal(Number(kept.headers['x-sql-statements']), Number(built.headers['x-sql-statements']) - 1);

      const slug = await demoMeeting(ta, 'fristad', 'next');
      const [m] = await ta.database.db.select().from(meetings).where(eq(meetings.slug, slug));
      assert.ok(m);
      const found = events.get(`${m.id}@motesplats`);
      assert.ok(found, 'the meeting is in the feed under its stable UID');
      const { event, component } = found;
      assert.equal(event.summary, m.title);
      assert.equal(event.startDate.zone?.tzid, 'Europe/Stockholm');
      assert.equal(event.startDate.toJSDate().getTime(), m.startsAt.getTime());
      assert.equal(event.endDate.toJSDate().getTime(), m.endsAt.getTime());
      const local = localParts(m.startsAt, 'Europe/Stockholm');
      assert.equal(event.startDate.toString(), `${local.date}T${local.time}:00`, 'the local time is the one the meeting was set for');
      assert.equal(event.location, 'Fristads bibliotek, Stationsvägen 4, Fristad');
      assert.equal(component.getFirstPropertyValue('status'), 'CONFIRMED');
      assert.equal(event.sequence, 0);
      assert.equal(component.getFirstPropertyValue('url'), `http://localhost/moten/${slug}`);
      assert.match(event.description, /Ortsråd Fristad/);
      assert.ok(![...events.values()].some((e) => /Kontaktpersonernas/.test(e.event.summary)));

      // The secretary moves the meeting, then cancels it: the same UID, a higher SEQUENCE, STATUS:CANCELLED.
      const s = await ta.client().signIn('sekreterare@boras.example');
      const edit = await s.get(`/moten/${slug}/redigera`);
      const values = Object.fromEntries(
        [...edit.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((x) => [x[1] as string, (x[2] as string).replace(/&amp;/g, '&')]),
      );
      const changed = await s.post(`/moten/${slug}/redigera`, {
        ...values,
        title: m.title,
        placeKind: 'place',
        meetingPlaceId: m.meetingPlaceId as string,
        startTime: '19:00',
        endTime: '21:00',
        visibility: 'public',
        registrationOpen: 'on',
      });
      assert.equal(changed.statusCode, 303);
      const moved = parse((await c.get('/ortsrad/fristad/kalender.ics')).body).events.get(`${m.id}@motesplats`);
      assert.equal(moved?.event.sequence, 1);
      assert.equal(moved?.event.startDate.toString().slice(11), '19:00:00');
      assert.equal((await s.post(`/moten/${slug}/stall-in`, { reason: '' }, { from: `/moten/${slug}` })).statusCode, 422);
      assert.equal((await s.post(`/moten/${slug}/stall-in`, { reason: 'Lokalen är inte tillgänglig.' }, { from: `/moten/${slug}` })).statusCode, 303);
      const cancelled = parse((await c.get('/ortsrad/fristad/kalender.ics')).body).events.get(`${m.id}@motesplats`);
      assert.equal(cancelled?.component.getFirstPropertyValue('status'), 'CANCELLED');
      assert.equal(cancelled?.event.sequence, 2);
      assert.match(cancelled?.event.description ?? '', /Lokalen är inte tillgänglig/);
      const page = await c.get(`/moten/${slug}`);
      assert.match(text(page.body), /Mötet är inställt: Lokalen är inte tillgänglig\./);
      assert.match(page.body, /"eventStatus":"https:\/\/schema.org\/EventCancelled"/);
    });

    test('a person’s own feed has their meetings, members-only ones too, behind a secret address that can be renewed', async (t) => {
      const ta = await createTestApp(t, engine);
      const members = await addMeeting(ta, 'fristad', {
        title: 'Styrgruppens arbetsmöte',
        visibility: 'members',
        place: { kind: 'online', url: 'https://moten.example/styrgrupp' },
        startsAt: new Date(Date.now() + 4 * DAY),
        endsAt: new Date(Date.now() + 4 * DAY + 3600_000),
      });
      const ingrid = await ta.client().signIn('invanare@boras.example');
      assert.equal((await ingrid.post(`/moten/${members}/anmalan`, { answer: 'registered', organisationId: '', note: '' })).statusCode, 303);
      const mine = await ingrid.get('/mina-moten');
      assert.match(text(mine.body), /Styrgruppens arbetsmöte/);
      const url = /value="http:\/\/localhost(\/kalender\/person\/[^"]+\.ics)"/.exec(mine.body)?.[1] as string;
      assert.ok(url);
      const anonymous = ta.client();
      const feed = await anonymous.get(url);
      assert.equal(feed.statusCode, 200);
      const { events } = parse(feed.body);
      const ev = [...events.values()].find((e) => e.event.summary === 'Styrgruppens arbetsmöte');
      assert.ok(ev);
      assert.equal(ev.component.getFirstPropertyValue('class'), 'PRIVATE');
      assert.equal(ev.event.location, 'https://moten.example/styrgrupp');
      const ld = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec((await ingrid.get(`/moten/${members}`)).body)?.[1] ?? '{}');
      assert.equal(ld.eventAttendanceMode, 'https://schema.org/OnlineEventAttendanceMode');
      assert.deepEqual(ld.location, { '@type': 'VirtualLocation', url: 'https://moten.example/styrgrupp' });
      assert.doesNotMatch((await anonymous.get('/kalender.ics')).body, /Styrgruppens arbetsmöte/, 'not in any public feed');
      assert.equal((await anonymous.get(url.replace(/[A-Za-z0-9_-]{10}\.ics$/, 'AAAAAAAAAA.ics'))).statusCode, 404, 'a wrong token answers 404');
      assert.equal((await ingrid.post('/mina-moten/ny-kalenderadress', {}, { from: '/mina-moten' })).statusCode, 303);
      assert.equal((await anonymous.get(url)).statusCode, 404, 'the old address stops working');
      const renewed = /value="http:\/\/localhost(\/kalender\/person\/[^"]+\.ics)"/.exec((await ingrid.get('/mina-moten')).body)?.[1] as string;
      assert.notEqual(renewed, url);
      assert.equal((await anonymous.get(renewed)).statusCode, 200);
    });

    test('the organisation, municipality and single-meeting feeds; an unchanged feed answers 304', async (t) => {
      const ta = await createTestApp(t, engine);
      const c = ta.client();
      const org = await c.get('/organisationer/fristads-goif/kalender.ics');
      assert.equal(org.statusCode, 200);
      const orgEvents = [...parse(org.body).events.values()].map((e) => e.event.summary);
      assert.ok(
        orgEvents.some((s) => /Ortsråd Fristad/.test(s)),
        'a member organisation gets its council’s meetings',
      );
      assert.ok(!orgEvents.some((s) => /Dalsjöfors/.test(s)));
      assert.equal((await c.get('/organisationer/finns-inte/kalender.ics')).statusCode, 404);
      const all = await c.get('/kalender.ics');
      const summaries = [...parse(all.body).events.values()].map((e) => e.event.summary);
      assert.ok(summaries.includes('Kommunfullmäktige'));
      assert.ok(summaries.some((s) => /Områdesnätverk/.test(s)));
      const again = await ta.app.inject({ method: 'GET', url: '/kalender.ics', headers: { host: 'localhost', 'if-none-match': String(all.headers.etag) } });
      assert.equal(again.statusCode, 304);
      const slug = await demoMeeting(ta, 'viskafors', 'next');
      const one = parse((await c.get(`/moten/${slug}/kalender.ics`)).body);
      assert.equal(one.events.size, 1);
    });
  });
}
