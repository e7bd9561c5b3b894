/**
 * A year of meetings for the Borås demo: the four local councils monthly, the area networks two
 * to three times a term, the contact persons' own network, and the political calendar. Dates are
 * laid out around the day the demo is loaded, so there are always past meetings with minutes and
 * coming ones to register for. Agenda topics, minutes and action items are invented, in the kind
 * of words the councils' own minutes use.
 */
import type { SeedMeeting } from '../modules/meetings/index.js';
import type { SeedRefs } from '../platform/module.js';
import { addDays, localToUtc, today } from '../platform/time.js';
import { simplePdf } from './pdf.js';

/** What the meetings refer to, by the names the other modules' parts of the data set gave them. */
interface DemoIds {
  timeZone: string;
  councils: Record<string, { id: string; slug: string }>;
  orgs: Record<string, string>;
  people: Record<string, string>;
  places: Record<string, string>;
  bodies: Record<string, { id: string; slug: string }>;
}

/** The names the modules before meetings gave their records, as the lookups below use them. */
function idsOf(refs: SeedRefs, timeZone: string): DemoIds {
  const withSlug = (kind: string, slugKind: string) =>
    Object.fromEntries(refs.entries(kind).map(([name, id]) => [name, { id, slug: refs.get(slugKind, name) }]));
  return {
    timeZone,
    councils: withSlug('council', 'councilSlug'),
    orgs: Object.fromEntries(refs.entries('organisation')),
    people: Object.fromEntries(refs.entries('user')),
    places: Object.fromEntries(refs.entries('meetingPlace')),
    bodies: withSlug('body', 'bodySlug'),
  };
}

/** The date of the n-th weekday (1 = Monday) of a month; n = -1 is the last. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1));
    const shift = (weekday - (first.getUTCDay() || 7) + 7) % 7;
    return new Date(Date.UTC(year, month - 1, 1 + shift + (n - 1) * 7)).toISOString().slice(0, 10);
  }
  const last = new Date(Date.UTC(year, month, 0));
  const back = ((last.getUTCDay() || 7) - weekday + 7) % 7;
  return new Date(Date.UTC(year, month, -back)).toISOString().slice(0, 10);
}

/** The months from `from` to `to` months away from the month of `day`. */
function months(day: string, from: number, to: number): { year: number; month: number }[] {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const out = [];
  for (let i = from; i <= to; i++) {
    const d = new Date(Date.UTC(y, m - 1 + i, 1));
    out.push({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 });
  }
  return out;
}

const TOPICS = [
  { title: 'Trafiksäkerhet vid skolan', action: 'Skicka frågan om hastighetsdämpande åtgärder vid skolan till Tekniska förvaltningen' },
  { title: 'Lokal utvecklingsplan – uppföljning', action: 'Sammanställa läget för planens åtgärder inför årsuppföljningen' },
  { title: 'Medel för lokal utveckling – idéer till ansökningar', action: 'Ta fram ett underlag till ansökan om medel för lokal utveckling' },
  { title: 'Sommaraktiviteter för barn och unga', action: 'Fråga föreningarna vilka sommaraktiviteter de kan ordna' },
  { title: 'Gatubelysning och trygghetsvandring', action: 'Boka en trygghetsvandring med kommunen och bostadsbolaget' },
  { title: 'Julmarknad och skyltsöndag', action: 'Söka tillstånd för julmarknaden på torget' },
  { title: 'Mötesplatser och föreningslokaler', action: 'Inventera vilka lokaler föreningarna kan dela på' },
  { title: 'Kollektivtrafik och busstider', action: 'Lämna synpunkter på busstiderna till Västtrafik via kontaktpersonen' },
  { title: 'Städdag och skräpplockning', action: 'Beställa säckar och handskar till städdagen' },
  { title: 'Bredband och mobiltäckning', action: 'Samla in var mobiltäckningen är dålig' },
  { title: 'Information till nya invånare', action: 'Uppdatera välkomstfoldern för nya invånare' },
  { title: 'Badplatsen och grönområdena', action: 'Anmäla behovet av ny brygga vid badplatsen' },
];

/** The demo's meetings, laid out around today from the records the other modules named. */
export function borasMeetings(refs: SeedRefs, timeZone: string): SeedMeeting[] {
  const ids = idsOf(refs, timeZone);
  const tz = ids.timeZone;
  const now = new Date();
  const day = today(tz, now);
  const at = (date: string, time: string) => localToUtc(date, time, tz) as Date;
  const list: SeedMeeting[] = [];
  const person = (email: string) => ids.people[email] as string;
  const sekreterare = person('sekreterare@boras.example');
  const ordforande = person('foretradare@boras.example');
  const invanare = person('invanare@boras.example');
  const kontakt = person('kontaktperson@boras.example');

  const councilMeetings = (
    key: string,
    name: string,
    rule: { weekday: number; n: number; start: string; end: string },
    place: SeedMeeting['place'],
    memberOrgs: string[],
    offset: number,
  ) => {
    const c = ids.councils[key] as { id: string; slug: string };
    const all = months(day, -10, 3)
      .filter((m) => m.month !== 7)
      .map((m) => nthWeekday(m.year, m.month, rule.weekday, rule.n));
    const past = all.filter((d) => d < day);
    const lastPast = past[past.length - 1];
    const upcoming = all.filter((d) => d >= day);
    all.forEach((date, i) => {
      const topic = TOPICS[(i + offset) % TOPICS.length] as (typeof TOPICS)[number];
      const startsAt = at(date, rule.start);
      const endsAt = at(date, rule.end);
      const isPast = date < day;
      const isFristad = key === 'fristad';
      const isNext = date === upcoming[0];
      const agenda = [
        { title: 'Mötets öppnande och val av justerare', presenter: 'Ordföranden', minutes: 5 },
        { title: 'Föregående protokoll och öppna åtgärder', presenter: 'Sekreteraren', minutes: 10 },
        { title: 'Rapport från kommunens kontaktperson', presenter: 'Karl Kontaktperson', minutes: 20 },
        { title: topic.title, presenter: 'Arbetsgruppen', minutes: 40, description: `Dragning och diskussion om ${topic.title.toLowerCase()}.` },
        { title: 'Frågor från föreningarna', minutes: 15 },
        { title: 'Övriga frågor och nästa möte', presenter: 'Ordföranden', minutes: 10 },
      ];
      const monthsAgo = (now.getTime() - startsAt.getTime()) / (30 * 24 * 3600_000);
      const isLastPast = date === lastPast;
      const cancelled = key === 'dalsjofors' && date === upcoming[1];
      list.push({
        councilId: c.id,
        slugBase: c.slug,
        title: `${name}: ${isPast || isNext ? 'möte' : 'planerat möte'}`,
        description: `Ortsrådets ordinarie möte. Alla föreningar, företag och invånare i området är välkomna. Fika från kl. ${rule.start}.`,
        startsAt,
        endsAt,
        place,
        accessibility: 'Entré utan trappsteg och hörslinga i lokalen. Hör av dig om du behöver teckentolk.',
        capacity: isFristad ? 40 : null,
        status: cancelled ? 'cancelled' : isFristad && date === upcoming[2] ? 'draft' : 'published',
        cancelReason: cancelled ? 'Lokalen är dubbelbokad. Mötet flyttas till nästa ordinarie mötesdag.' : undefined,
        agenda,
        registrations: isPast
          ? [
              { userId: sekreterare, status: 'registered' as const },
              { userId: ordforande, status: 'registered' as const, organisationId: ids.orgs['Framtid Fristad'] },
            ].filter(() => isFristad)
          : isFristad && isNext
            ? [
                { userId: sekreterare, status: 'registered' as const },
                { userId: ordforande, status: 'registered' as const, organisationId: ids.orgs['Framtid Fristad'] },
              ]
            : [],
        attendance: isPast
          ? {
              userIds: isFristad ? [sekreterare, ordforande, invanare] : [],
              organisationIds: memberOrgs.map((o) => ids.orgs[o] as string).filter(Boolean),
              guests: i % 3 === 0 ? ['Karl Kontaktperson (kommunen)'] : [],
            }
          : undefined,
        minutes: isPast
          ? {
              status: isFristad && isLastPast ? 'checking' : 'published',
              preamble: `Ordföranden hälsade välkommen och öppnade mötet. Till justerare valdes ${isFristad ? 'Fredrik Företrädare och Ingrid Invånare' : 'två av de närvarande'}.`,
              items: [
                { discussion: '', decisions: 'Dagordningen godkändes.' },
                { discussion: 'Föregående protokoll gicks igenom. De öppna åtgärderna redovisades.', decisions: 'Protokollet lades till handlingarna.' },
                {
                  discussion: 'Kontaktpersonen berättade om vad som händer i kommunen och svarade på frågor om tidigare ärenden.',
                  decisions: 'Informationen noterades.',
                },
                {
                  discussion: `Arbetsgruppen redogjorde för ${topic.title.toLowerCase()}. Flera föreningar vill vara med och bidra.`,
                  decisions: 'Ortsrådet ställer sig bakom förslaget och ger arbetsgruppen i uppdrag att gå vidare.',
                  actions: [
                    {
                      description: topic.action,
                      owner: i % 2 === 0 ? 'Sofia Sekreterare' : 'Karl Kontaktperson',
                      due: addDays(date, 30),
                      done: monthsAgo > 3,
                    },
                  ],
                },
                { discussion: 'Föreningarna berättade om sina aktiviteter den närmaste tiden.', decisions: '' },
                { discussion: '', decisions: 'Nästa möte hålls enligt den publicerade mötesplanen.' },
              ],
              checkerIds: isFristad ? [ordforande, invanare] : [],
              checkedBy: isFristad && isLastPast ? [ordforande] : undefined,
            }
          : undefined,
        documents:
          isFristad && isNext
            ? [
                {
                  filename: 'kallelse-ortsrad-fristad.pdf',
                  contentType: 'application/pdf',
                  data: simplePdf(['Kallelse till Ortsråd Fristad', `Datum: ${date} kl. ${rule.start}`, 'Plats: Fristads bibliotek', 'Välkommen!']),
                  isPublic: true,
                },
                {
                  filename: 'underlag-budget.pdf',
                  contentType: 'application/pdf',
                  data: simplePdf(['Underlag: budget för ortsrådets aktiviteter', 'Bara för ortsrådets medlemmar.']),
                  isPublic: false,
                  agendaIndex: 3,
                },
              ]
            : undefined,
      });
    });
  };

  councilMeetings(
    'fristad',
    'Ortsråd Fristad',
    { weekday: 2, n: 2, start: '18:30', end: '20:30' },
    { kind: 'place', id: ids.places['Fristads bibliotek'] as string },
    ['Framtid Fristad', 'Fristads GoIF', 'Fristads församling'],
    0,
  );
  councilMeetings(
    'dalsjofors',
    'Ortsråd Dalsjöfors/Toarp',
    { weekday: 3, n: 1, start: '19:00', end: '21:00' },
    { kind: 'place', id: ids.places['Dalsjöfors bibliotek'] as string },
    ['Attraktiva Toarp', 'Dalsjöfors GoIF', 'Toarps företagarförening'],
    3,
  );
  councilMeetings(
    'sandared',
    'Ortsråd Sandared',
    { weekday: 1, n: -1, start: '18:00', end: '20:00' },
    { kind: 'place', id: ids.places['Sandareds bibliotek'] as string },
    ['Sjömarkens villaägareförening'],
    6,
  );
  councilMeetings(
    'viskafors',
    'Viskaforsbygdens ortsråd',
    { weekday: 4, n: 3, start: '18:30', end: '20:30' },
    { kind: 'place', id: ids.places['Viskafors bibliotek'] as string },
    ['Viskafors IF', 'Seglora byalag'],
    9,
  );

  // Area networks: two meetings a term, in February, April, September and November.
  const networks: [string, string, SeedMeeting['place']][] = [
    ['Hässleholmen–Boda', 'Hässleholmens bibliotek', { kind: 'place', id: ids.places['Hässleholmens bibliotek'] as string }],
    ['Sjöbo', 'Sjöbo träffpunkt', { kind: 'place', id: ids.places['Sjöbo träffpunkt'] as string }],
    ['Norrby', 'Norrby fritidsgård', { kind: 'address', address: 'Norrby fritidsgård, Norrby Tvärgata 8' }],
    ['Kristineberg', 'Kristinebergs hyresgästförening', { kind: 'address', address: 'Hyresgästföreningens lokal, Kristinebergsgatan 12' }],
    ['Hulta–Sörmarken', 'Hulta Sörmarken IK', { kind: 'address', address: 'Hulta torg, samlingslokalen' }],
    ['Brämhult–Svensgärde', 'Brämhults byalag', { kind: 'address', address: 'Brämhults bygdegård' }],
  ];
  for (const [area, org, place] of networks) {
    const c = ids.councils[area] as { id: string; slug: string };
    for (const m of months(day, -10, 3).filter((x) => [2, 4, 9, 11].includes(x.month))) {
      const date = nthWeekday(m.year, m.month, 2, 3);
      const past = date < day;
      list.push({
        councilId: c.id,
        slugBase: c.slug,
        title: `Områdesnätverk ${area}: nätverksträff`,
        description: 'Nätverket träffas för att dela information och planera gemensamma aktiviteter i området. Det är frivilligt att delta.',
        startsAt: at(date, '17:30'),
        endsAt: at(date, '19:00'),
        place,
        status: 'published',
        agenda: [
          { title: 'Välkommen och presentation', minutes: 10 },
          { title: 'Nytt från verksamheterna i området', minutes: 30 },
          { title: 'Gemensamma aktiviteter', minutes: 30 },
          { title: 'Övrigt', minutes: 10 },
        ],
        attendance: past ? { organisationIds: [ids.orgs[org] as string].filter(Boolean) } : undefined,
        minutes: past
          ? {
              status: 'published',
              preamble: 'Kommunens kontaktperson för området ledde träffen.',
              items: [
                { discussion: '', decisions: '' },
                { discussion: 'Skolan, fritidsgården, biblioteket och bostadsbolaget berättade om terminens verksamhet.', decisions: '' },
                {
                  discussion: 'Nätverket vill ordna en gemensam aktivitetsdag för familjer i området.',
                  decisions: 'En arbetsgrupp bildas.',
                  actions: [{ description: 'Föreslå datum för en aktivitetsdag', owner: org, due: addDays(date, 45), done: date < addDays(day, -90) }],
                },
                { discussion: '', decisions: '' },
              ],
              checkerIds: [],
            }
          : undefined,
      });
    }
  }

  // The contact persons' own network: the first Monday of the month, every other time online.
  const contacts = ids.councils.contacts as { id: string; slug: string };
  months(day, -10, 3)
    .filter((m) => m.month !== 7)
    .forEach((m, i) => {
      const date = nthWeekday(m.year, m.month, 1, 1);
      const past = date < day;
      list.push({
        councilId: contacts.id,
        slugBase: contacts.slug,
        title: 'Kontaktpersonernas nätverksmöte',
        description: 'Avstämning mellan kommunens kontaktpersoner för ortsråden och områdesnätverken.',
        startsAt: at(date, '09:00'),
        endsAt: at(date, '10:30'),
        place: i % 2 ? { kind: 'online', url: 'https://moten.boras.example/kontaktpersoner' } : { kind: 'place', id: ids.places.Stadshuset as string },
        visibility: 'members',
        status: 'published',
        agenda: [
          { title: 'Läget i ortsråden och nätverken', minutes: 45 },
          { title: 'Frågor som behöver gå vidare till förvaltningarna', minutes: 30 },
          { title: 'Övrigt', minutes: 15 },
        ],
        registrations: [{ userId: kontakt, status: 'registered' }],
        attendance: past ? { userIds: [kontakt], guests: ['Kontaktpersonen för områdesnätverken'] } : undefined,
        minutes: past
          ? {
              status: 'published',
              preamble: 'Anteckningar från kontaktpersonernas möte.',
              items: [
                { discussion: 'Varje kontaktperson berättade kort om läget.', decisions: '' },
                {
                  discussion: 'Frågor om gatubelysning och busshållplatser har kommit från flera orter.',
                  decisions: 'Frågorna samlas och lämnas till Tekniska förvaltningen.',
                },
                { discussion: '', decisions: '' },
              ],
              checkerIds: [],
            }
          : undefined,
      });
    });

  // The political calendar (sammanträdeskalender).
  const town = { kind: 'place' as const, id: ids.places.Stadshuset as string };
  for (const m of months(day, -10, 3).filter((x) => x.month !== 7)) {
    const kf = ids.bodies.Kommunfullmäktige as { id: string; slug: string };
    const ks = ids.bodies.Kommunstyrelsen as { id: string; slug: string };
    const ff = ids.bodies['Fritids- och folkhälsonämnden'] as { id: string; slug: string };
    const kfDate = nthWeekday(m.year, m.month, 4, 3);
    list.push({
      bodyId: kf.id,
      slugBase: kf.slug,
      title: 'Kommunfullmäktige',
      description: 'Kommunfullmäktiges sammanträde. Sammanträdet är öppet för allmänheten och sänds på webben.',
      startsAt: at(kfDate, '17:00'),
      endsAt: at(kfDate, '21:00'),
      place: town,
      registrationOpen: false,
      status: 'published',
    });
    for (const n of [1, 3]) {
      const d = nthWeekday(m.year, m.month, 1, n);
      list.push({
        bodyId: ks.id,
        slugBase: ks.slug,
        title: 'Kommunstyrelsen',
        startsAt: at(d, '13:00'),
        endsAt: at(d, '16:00'),
        place: town,
        registrationOpen: false,
        status: 'published',
      });
    }
    const ffDate = nthWeekday(m.year, m.month, 3, 2);
    list.push({
      bodyId: ff.id,
      slugBase: ff.slug,
      title: 'Fritids- och folkhälsonämnden',
      startsAt: at(ffDate, '16:00'),
      endsAt: at(ffDate, '19:00'),
      place: town,
      registrationOpen: false,
      status: 'published',
    });
  }

  return list;
}
