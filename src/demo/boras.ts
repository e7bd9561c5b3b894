/**
 * The Borås demo data set. Facts about localities, areas and functions come from Borås Stad's
 * public pages (autumn 2026). Organisation descriptions, contact details and every person are
 * invented for the demo; where the source was uncertain the comment beside the value says so.
 */

import { modules } from '../app.js';
import type { CouncilsSeedData } from '../modules/councils/index.js';
import type { Db } from '../platform/db/index.js';
import { type DataSet, SeedRefs, seedModules } from '../platform/module.js';
import { createTenant, type Tenant } from '../platform/tenants/index.js';
import { BORAS_AGREEMENTS } from './boras-agreements.js';
import { BORAS_GRANTS } from './boras-grants.js';
import { borasMeetings } from './boras-meetings.js';
import { BORAS_PLANS } from './boras-plans.js';

export const DEMO_PASSWORD = 'motesplats-demo';
/** Residents of the demo beside the sign-in roles: the askers of last year's generated questions. */
const RESIDENTS = [
  'Birgitta Berg',
  'Mohammed Ali',
  'Sven Lind',
  'Amina Hassan',
  'Kjell Ek',
  'Lena Holm',
  'Ahmed Yusuf',
  'Maria Sjö',
  'Johan Nyberg',
  'Fatima Rahimi',
];

/** The demo's Open311 API key, printed at start and given in the README, so a client can be tried at once. */
export const DEMO_OPEN311_KEY = 'boras-open311-demo';

/** One demo account per role, printed at start so a tester can sign in as each. */
export const DEMO_ACCOUNTS = [
  { email: 'admin@boras.example', name: 'Anna Administratör', role: 'Administratör / administrator' },
  { email: 'redaktor@boras.example', name: 'Erik Redaktör', role: 'Redaktör / editor' },
  { email: 'handlaggare@boras.example', name: 'Hanna Handläggare', role: 'Handläggare, Tekniska förvaltningen / case handler' },
  { email: 'foretradare@boras.example', name: 'Fredrik Företrädare', role: 'Företrädare för Framtid Fristad / organisation representative' },
  { email: 'invanare@boras.example', name: 'Ingrid Invånare', role: 'Invånare / resident' },
  { email: 'sekreterare@boras.example', name: 'Sofia Sekreterare', role: 'Sekreterare i Ortsråd Fristad / council secretary' },
  { email: 'kontaktperson@boras.example', name: 'Karl Kontaktperson', role: 'Kontaktperson för Fristad och Dalsjöfors / contact person' },
  { email: 'bidrag@boras.example', name: 'Beata Bidragshandläggare', role: 'Bidragshandläggare, föreningsbidrag och lokala medel / grant officer' },
] as const;

const SERVICE_LOCALITIES = [
  {
    name: 'Dalsjöfors',
    covers: 'Aplared, Dalsjöfors, Dannike, Gånghester, Målsryd, Rångedala, Äspered',
    population: 3800,
    description: 'Serviceort öster om Borås. Ortsrådet drivs av Attraktiva Toarp.',
  },
  {
    name: 'Fristad',
    covers: 'Fristad, Borgstena, Bredared, Frufällan, Sparsör',
    population: 6200,
    description: 'Serviceort norr om Borås. Ortsrådet drivs av Framtid Fristad.',
  },
  // The population figure includes Sjömarken and Viared.
  { name: 'Sandared', covers: 'Sandared, Sjömarken, Hedared, Sandhult', population: 6600, description: 'Serviceort väster om Borås.' },
  // Population uncertain in the source (about 3,000).
  {
    name: 'Viskafors',
    covers: 'Viskafors, Seglora, Svaneholm, Kinnarumma, Rydboholm',
    population: 3000,
    description: 'Serviceort söder om Borås. Ortsrådet drivs av Viskaforsbygdens ortsråd.',
  },
];

const AREAS = [
  { name: 'Brämhult–Svensgärde', covers: 'Brämhult, Svensgärde', active: true },
  { name: 'Hulta–Sörmarken', covers: 'Hulta, Sörmarken', active: true },
  { name: 'Hässleholmen–Boda', covers: 'Hässleholmen, Boda', active: true },
  { name: 'Kristineberg', covers: 'Dammsvedjan, Druvefors, Göta, Hedvigsborg', active: true },
  { name: 'Norrby', covers: 'Byttorp, Hestra, Parkstaden, Tullen', active: true },
  { name: 'Sjöbo', covers: 'Alideberg, Erikslund', active: true },
  { name: 'Trandared', covers: 'Bersbo, Bergsäter, Brotorp', active: false },
];

// Names to verify with the municipality: some companies may have merged.
const DEPARTMENTS = [
  ['Stadsledningskansliet', 'KS'],
  ['Fritids- och folkhälsoförvaltningen', 'FF'],
  ['Kulturförvaltningen', 'KU'],
  ['Arbetslivsförvaltningen', 'AL'],
  ['Individ- och familjeomsorgsförvaltningen', 'IFO'],
  ['Sociala omsorgsförvaltningen', 'SO'],
  ['Vård- och äldreförvaltningen', 'VÄ'],
  ['Förskoleförvaltningen', 'FÖ'],
  ['Grundskoleförvaltningen', 'GR'],
  ['Gymnasie- och vuxenutbildningsförvaltningen', 'GV'],
  ['Tekniska förvaltningen', 'TF'],
  ['Samhällsbyggnadsförvaltningen', 'SB'],
  ['Miljöförvaltningen', 'MF'],
  ['Lokalförsörjningsförvaltningen', 'LF'],
  ['Servicekontoret', 'SK'],
] as const;
const COMPANIES = [
  'AB Bostäder i Borås',
  'Borås Energi och Miljö AB',
  'Borås Elnät AB',
  'Fristadbostäder AB',
  'AB Sandhultsbostäder',
  'AB Toarpshus',
  'Viskaforshem AB',
  'Borås Djurpark AB',
];

const YEAR = new Date().getFullYear();
/** A day counted from the day the demo is loaded (`YYYY-MM-DD`). */
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const ORGANISATIONS: NonNullable<DataSet['organisations']>['organisations'] = [
  {
    name: 'Attraktiva Toarp',
    kind: 'association',
    locality: 'Dalsjöfors',
    description: 'Intresseförening som driver ortsrådet för Dalsjöfors och Toarp och samlar föreningar, företag och eldsjälar kring utvecklingen av bygden.',
  },
  {
    name: 'Framtid Fristad',
    kind: 'association',
    orgNumber: '802439-1234',
    memberCount: 86,
    membersCountedOn: `${YEAR}-02-15`,
    annualMeetingOn: `${YEAR}-03-12`,
    locality: 'Fristad',
    description: 'Intresseförening som driver ortsrådet i Fristad och arbetar för en levande ort med service, mötesplatser och gemenskap.',
  },
  // Uncertain in the source: probably the association that runs Sandared's council.
  {
    name: 'Sandareds intresseförening',
    kind: 'association',
    locality: 'Sandared',
    description: 'Intresseförening som tog fram den lokala utvecklingsplanen för Sandared 2012–2025.',
  },
  {
    name: 'Viskaforsbygdens ortsråd',
    kind: 'association',
    locality: 'Viskafors',
    description: 'Ortsrådet för Viskafors, Seglora, Svaneholm, Kinnarumma och Rydboholm.',
  },
  {
    name: 'Dalsjöfors GoIF',
    kind: 'association',
    locality: 'Dalsjöfors',
    description: 'Idrottsförening med fotboll för barn, ungdomar och vuxna.',
    orgNumber: '864500-2211',
    memberCount: 412,
    membersCountedOn: `${YEAR}-01-31`,
    annualMeetingOn: `${YEAR}-02-20`,
  },
  {
    name: 'Fristads GoIF',
    kind: 'association',
    locality: 'Fristad',
    description: 'Idrottsförening med fotboll och friidrott.',
    orgNumber: '864501-3322',
    memberCount: 265,
    membersCountedOn: `${YEAR}-01-31`,
    annualMeetingOn: `${YEAR}-03-05`,
  },
  { name: 'Viskafors IF', kind: 'association', locality: 'Viskafors', description: 'Idrottsförening med verksamhet för alla åldrar.' },
  {
    name: 'Rångedala hembygdsförening',
    kind: 'association',
    locality: 'Dalsjöfors',
    description: 'Vårdar bygdens historia och ordnar vandringar och kaffekvällar.',
  },
  {
    name: 'Borgstena bygdegårdsförening',
    kind: 'association',
    locality: 'Fristad',
    description: 'Driver bygdegården i Borgstena som hyrs ut för fester och möten.',
  },
  {
    name: 'Seglora byalag',
    kind: 'association',
    locality: 'Viskafors',
    description: 'Byalag som håller i midsommarfirande, städdagar och grannsamverkan.',
    orgNumber: '802477-5566',
    memberCount: 38,
    // Its annual meeting was a few days ago: it can apply for the basic grant now.
    annualMeetingOn: daysFromNow(-10),
  },
  {
    name: 'Sjömarkens villaägareförening',
    kind: 'association',
    locality: 'Sandared',
    description: 'Förening för villaägare i Sjömarken med frågor om trafik, gatubelysning och grönområden.',
  },
  { name: 'Toarps företagarförening', kind: 'business', locality: 'Dalsjöfors', description: 'Nätverk för företagare i Dalsjöfors och omnejd.' },
  {
    name: 'Fristads församling',
    kind: 'religious',
    locality: 'Fristad',
    description: 'Svenska kyrkans församling i Fristad med öppet hus, körer och barnverksamhet.',
  },
  { name: 'Fristads folkhögskola', kind: 'school', locality: 'Fristad', description: 'Folkhögskola med allmän kurs och profilkurser.' },
  {
    name: 'Kristinebergs hyresgästförening',
    kind: 'association',
    locality: 'Borås',
    area: 'Kristineberg',
    description: 'Lokal hyresgästförening som ordnar aktiviteter och tar upp boendefrågor.',
  },
  {
    name: 'Norrby fritidsgård',
    kind: 'municipal_unit',
    locality: 'Borås',
    area: 'Norrby',
    description: 'Fritidsgård för unga i Norrby med läxhjälp, musik och idrott.',
  },
  {
    name: 'Hässleholmens bibliotek',
    kind: 'municipal_unit',
    locality: 'Borås',
    area: 'Hässleholmen–Boda',
    description: 'Bibliotek och mötesplats med språkcafé och programverksamhet.',
  },
  {
    name: 'Sjöbo träffpunkt',
    kind: 'idea_based',
    locality: 'Borås',
    area: 'Sjöbo',
    description: 'Idéburen mötesplats med öppet kafé, stickcafé och seniorträffar.',
  },
  {
    name: 'Hulta Sörmarken IK',
    kind: 'association',
    locality: 'Borås',
    area: 'Hulta–Sörmarken',
    description: 'Idrottsklubb med fotboll och innebandy för barn och unga.',
  },
  {
    name: 'Brämhults byalag',
    kind: 'association',
    locality: 'Borås',
    area: 'Brämhult–Svensgärde',
    description: 'Byalag för boende i Brämhult och Svensgärde.',
  },
  {
    name: 'Frivilligcentralen Borås',
    kind: 'municipal_unit',
    locality: 'Borås',
    description: 'Hjälper invånare över 18 år att hitta frivilliguppdrag, aktiviteter och egna idéer att engagera sig i.',
  },
  {
    name: 'Borås Pride',
    kind: 'idea_based',
    locality: 'Borås',
    description: 'Ideell förening som arrangerar Borås Pride för att visa människors olikheter och allas lika värde.',
  },
];

// Councils: the four ortsråd, the seven area networks and the contact persons' own network.
const COUNCILS: CouncilsSeedData['councils'] = [
  {
    key: 'dalsjofors',
    name: 'Ortsråd Dalsjöfors/Toarp',
    slug: 'dalsjofors-toarp',
    kind: 'local_council',
    locality: 'Dalsjöfors',
    runBy: 'Attraktiva Toarp',
    description:
      'Ortsrådet för Dalsjöfors och Toarp samlar föreningar, företag, kyrkan, skolan och eldsjälar i Aplared, Dalsjöfors, Dannike, Gånghester, Målsryd, Rångedala och Äspered.',
    howToJoin: 'Ortsrådet träffas ungefär en gång i månaden. Hör av dig till Attraktiva Toarp om du vill vara med.',
  },
  {
    key: 'fristad',
    name: 'Ortsråd Fristad',
    slug: 'fristad',
    kind: 'local_council',
    locality: 'Fristad',
    runBy: 'Framtid Fristad',
    description:
      'Ortsrådet i Fristad arbetar för en levande ort med service, mötesplatser och trygghet för Fristad, Borgstena, Bredared, Frufällan och Sparsör.',
    howToJoin: 'Alla föreningar och företag i Fristad är välkomna. Anmäl intresse till Framtid Fristad.',
  },
  {
    key: 'sandared',
    name: 'Ortsråd Sandared',
    slug: 'sandared',
    kind: 'local_council',
    locality: 'Sandared',
    runBy: 'Sandareds intresseförening',
    description: 'Ortsrådet för Sandared, Sjömarken, Hedared och Sandhult.',
  },
  {
    key: 'viskafors',
    name: 'Viskaforsbygdens ortsråd',
    slug: 'viskafors',
    kind: 'local_council',
    locality: 'Viskafors',
    runBy: 'Viskaforsbygdens ortsråd',
    description: 'Ortsrådet för Viskafors, Seglora, Svaneholm, Kinnarumma och Rydboholm.',
  },
  ...AREAS.map((a) => ({
    key: a.name,
    name: `Områdesnätverk ${a.name}`,
    slug: '',
    kind: 'area_network' as const,
    area: a.name,
    description: `Nätverket samlar föreningar, skolor, bostadsbolag och kommunala verksamheter i ${a.covers}. Det träffas två till tre gånger per termin.`,
    howToJoin: 'Det är frivilligt att delta. Kontakta kommunens kontaktperson för området.',
    active: a.active,
  })),
  {
    key: 'contacts',
    name: 'Kontaktpersonernas nätverk',
    slug: 'kontaktpersoner',
    kind: 'contact_network',
    runBy: '',
    description:
      'Fritids- och folkhälsoförvaltningens kontaktpersoner för ortsråden träffas regelbundet för att hålla frågorna aktuella och stärka samverkan mellan områdena.',
    isPublic: false,
  },
];

// Meeting places. Addresses and accessibility are invented for the demo; verify with the municipality.
const MEETING_PLACES = [
  { name: 'Fristads bibliotek', address: 'Stationsvägen 4, Fristad', locality: 'Fristad', stepFree: true, accessibleToilet: true, hearingLoop: true },
  {
    name: 'Dalsjöfors bibliotek',
    address: 'Göteborgsvägen 40, Dalsjöfors',
    locality: 'Dalsjöfors',
    stepFree: true,
    accessibleToilet: true,
    hearingLoop: false,
  },
  {
    name: 'Sandareds bibliotek',
    address: 'Sandareds stationsväg 2, Sandared',
    locality: 'Sandared',
    stepFree: true,
    accessibleToilet: false,
    hearingLoop: true,
  },
  {
    name: 'Viskafors bibliotek',
    address: 'Rydboholmsvägen 3, Viskafors',
    locality: 'Viskafors',
    stepFree: false,
    accessibleToilet: false,
    hearingLoop: false,
  },
  {
    name: 'Hässleholmens bibliotek',
    address: 'Hässleholmens centrum, Borås',
    locality: 'Borås',
    area: 'Hässleholmen–Boda',
    stepFree: true,
    accessibleToilet: true,
    hearingLoop: true,
  },
  { name: 'Sjöbo träffpunkt', address: 'Sjöbo torg, Borås', locality: 'Borås', area: 'Sjöbo', stepFree: true, accessibleToilet: true, hearingLoop: false },
  { name: 'Stadshuset', address: 'Kungsgatan 55, Borås', locality: 'Borås', stepFree: true, accessibleToilet: true, hearingLoop: true },
];

/** The Borås data set: each module's part under its name, records referring to each other by name. */
export const BORAS: DataSet = {
  tenancy: {
    localities: [
      { name: 'Borås', slug: 'boras', kind: 'town', description: 'Tätorten Borås med stadsdelarna och deras områdesnätverk.', covers: '', population: 74153 },
      ...SERVICE_LOCALITIES.map((l) => ({ ...l, kind: 'service' as const })),
    ],
    areas: AREAS.map((a) => ({
      ...a,
      locality: 'Borås',
      description: `Områdesnätverket ${a.name} samlar boende, föreningar, skolor och kommunala verksamheter i området. Nätverket träffas två till tre gånger per termin och det är frivilligt att delta.`,
    })),
    functions: [
      ...DEPARTMENTS.map(([name, code]) => ({ name, kind: 'department' as const, code })),
      {
        name: 'Tillgänglighetskonsulenterna',
        kind: 'department',
        code: 'TK',
        description: 'Kommunens tillgänglighetskonsulenter: råd om hinder i den fysiska miljön för personer med funktionsnedsättning.',
      },
      ...COMPANIES.map((name) => ({ name, kind: 'company' as const })),
      {
        name: 'Södra Älvsborgs Räddningstjänstförbund',
        kind: 'federation',
        description: 'Räddningstjänsten är ett kommunalförbund, inte en del av kommunen.',
      },
    ],
  },
  accounts: {
    people: [
      ...DEMO_ACCOUNTS.map((a) => ({ email: a.email, name: a.name, password: DEMO_PASSWORD })),
      // Residents who asked last year's questions (they sign in with the demo password too).
      ...RESIDENTS.map((name, i) => ({ email: `boende${i + 1}@boras.example`, name, password: DEMO_PASSWORD })),
    ],
    roles: [
      { email: 'admin@boras.example', role: 'admin' },
      { email: 'redaktor@boras.example', role: 'editor' },
      { email: 'handlaggare@boras.example', role: 'handler', function: 'Tekniska förvaltningen' },
    ],
  },
  organisations: {
    organisations: ORGANISATIONS,
    members: [
      { organisation: 'Framtid Fristad', email: 'foretradare@boras.example', role: 'representative' },
      { organisation: 'Framtid Fristad', email: 'invanare@boras.example', role: 'member' },
      // Representatives of the associations whose grant applications are in the demo.
      { organisation: 'Fristads GoIF', email: 'boende1@boras.example', role: 'representative' },
      { organisation: 'Dalsjöfors GoIF', email: 'boende2@boras.example', role: 'representative' },
      { organisation: 'Seglora byalag', email: 'boende3@boras.example', role: 'representative' },
    ],
  },
  councils: {
    councils: COUNCILS,
    members: [
      { council: 'fristad', email: 'foretradare@boras.example', organisation: 'Framtid Fristad', role: 'chair' },
      { council: 'fristad', email: 'sekreterare@boras.example', role: 'secretary' },
      { council: 'fristad', email: 'invanare@boras.example', role: 'member' },
      ...['Fristads GoIF', 'Fristads församling', 'Fristads folkhögskola', 'Borgstena bygdegårdsförening'].map((organisation) => ({
        council: 'fristad',
        organisation,
      })),
      ...['Attraktiva Toarp', 'Dalsjöfors GoIF', 'Rångedala hembygdsförening', 'Toarps företagarförening'].map((organisation) => ({
        council: 'dalsjofors',
        organisation,
      })),
      ...['Viskafors IF', 'Seglora byalag'].map((organisation) => ({ council: 'viskafors', organisation })),
      { council: 'sandared', organisation: 'Sjömarkens villaägareförening' },
      { council: 'Kristineberg', organisation: 'Kristinebergs hyresgästförening' },
      { council: 'Norrby', organisation: 'Norrby fritidsgård' },
      { council: 'Hässleholmen–Boda', organisation: 'Hässleholmens bibliotek' },
      { council: 'Sjöbo', organisation: 'Sjöbo träffpunkt' },
      { council: 'Hulta–Sörmarken', organisation: 'Hulta Sörmarken IK' },
      { council: 'Brämhult–Svensgärde', organisation: 'Brämhults byalag' },
      { council: 'contacts', email: 'kontaktperson@boras.example', role: 'chair' },
    ],
    contactPersons: [{ email: 'kontaktperson@boras.example', councils: ['fristad', 'dalsjofors'] }],
    followers: [{ email: 'invanare@boras.example', council: 'fristad' }],
  },
  places: { places: MEETING_PLACES },
  meetings: {
    // The political calendar's bodies (names of Borås Stad's council, executive board and a committee).
    bodies: [
      { name: 'Kommunfullmäktige', description: 'Kommunens högsta beslutande organ. Sammanträdena är öppna för allmänheten.' },
      { name: 'Kommunstyrelsen', description: 'Leder och samordnar kommunens arbete.' },
      { name: 'Fritids- och folkhälsonämnden', description: 'Ansvarar bland annat för föreningsbidrag, mötesplatser och stödet till ortsråden.' },
    ],
    meetings: borasMeetings,
  },
  questions: {
    open311Keys: [{ name: 'Demo: prova en Open311-klient', key: DEMO_OPEN311_KEY }],
    generated: {
      count: 320,
      seed: 2025,
      askers: RESIDENTS.map((_, i) => `boende${i + 1}@boras.example`),
      handlers: { 'Tekniska förvaltningen': 'handlaggare@boras.example' },
    },
    categories: [
      { code: 'gata', name: 'Gator, trottoarer och cykelvägar', group: 'Gata och trafik', function: 'Tekniska förvaltningen' },
      { code: 'belysning', name: 'Gatubelysning', group: 'Gata och trafik', function: 'Tekniska förvaltningen' },
      { code: 'park', name: 'Parker, lekplatser och natur', group: 'Park och natur', function: 'Tekniska förvaltningen' },
      { code: 'fritid', name: 'Föreningsliv, fritid och mötesplatser', group: 'Fritid och kultur', function: 'Fritids- och folkhälsoförvaltningen' },
      { code: 'bygga', name: 'Bygglov och planer', group: 'Bygga och bo', function: 'Samhällsbyggnadsförvaltningen', dueDays: 15 },
      {
        code: 'tillganglighet',
        name: 'Hinder för personer med funktionsnedsättning',
        group: 'Tillgänglighet',
        function: 'Tillgänglighetskonsulenterna',
        description: 'Trappor utan ramp, trasiga hissar, hinder på gångvägar och annat som stänger ute.',
      },
    ],
    questions: [
      {
        asker: 'invanare@boras.example',
        category: 'belysning',
        locality: 'Fristad',
        subject: 'Trasig gatubelysning på Skolgatan i Fristad',
        body: 'Tre lampor längs Skolgatan mellan skolan och torget har varit släckta i två veckor. Det är mörkt när barnen går till skolan.',
        address: 'Skolgatan, Fristad',
        daysAgo: 40,
        showName: true,
        answer: {
          text: 'Tack för att du hörde av dig. Lamporna är bytta och vi har sett över hela sträckan. Hör av dig igen om något slocknar.',
          daysAfter: 6,
          by: 'handlaggare@boras.example',
        },
      },
      {
        asker: 'foretradare@boras.example',
        category: 'fritid',
        locality: 'Fristad',
        subject: 'Lokal för föreningarnas gemensamma möten',
        body: 'Föreningarna i Fristad söker en lokal där vi kan ha gemensamma möten en kväll i månaden. Finns det kommunala lokaler att låna?',
        daysAgo: 21,
      },
      {
        asker: 'invanare@boras.example',
        category: 'gata',
        locality: 'Dalsjöfors',
        subject: 'Hål i cykelvägen mot Gånghester',
        body: 'Det finns flera djupa hål i cykelvägen strax efter rondellen. En cyklist har redan vurpat.',
        address: 'Cykelvägen Dalsjöfors–Gånghester',
        daysAgo: 12,
        answer: { text: 'Vi har lagat hålen och lagt till sträckan i vårens beläggningsplan.', daysAfter: 4, by: 'handlaggare@boras.example' },
      },
      {
        asker: 'invanare@boras.example',
        category: 'tillganglighet',
        locality: 'Sandared',
        subject: 'Ingen ramp vid entrén till Sandareds bibliotek',
        body: 'Den tillfälliga rampen vid bibliotekets entré är borttagen. Med rullstol kommer man inte in.',
        daysAgo: 5,
      },
      {
        asker: 'foretradare@boras.example',
        category: 'park',
        locality: 'Viskafors',
        subject: 'Fler bänkar vid badplatsen i Viskafors',
        body: 'Många äldre besöker badplatsen men det finns bara en bänk. Kan kommunen sätta ut fler?',
        daysAgo: 2,
      },
    ],
  },
  plans: BORAS_PLANS,
  agreements: BORAS_AGREEMENTS,
  grants: BORAS_GRANTS,
  news: {
    items: [
      {
        slug: 'digital-medarbetare-dygnet-runt',
        title: 'Ny digital hjälp dygnet runt på boras.se',
        lead: 'Från i dag svarar en digital medarbetare på frågor om kommunens service, dygnet runt och på flera språk.',
        body: 'Den digitala medarbetaren svarar på vanliga frågor om till exempel förskola, avfall och bygglov.\n\n## Så fungerar det\n\n- Skriv din fråga med egna ord.\n- Får du inget bra svar kopplas du vidare till kontaktcenter under deras öppettider.\n\nLäs mer på [boras.se](https://www.boras.se).',
        daysAgo: 2,
        author: 'redaktor@boras.example',
      },
      {
        slug: 'cykelutmaning-for-arbetsplatser',
        title: 'Anta cykelutmaningen med din arbetsplats',
        lead: 'I maj tävlar arbetsplatser i Borås om att cykla flest dagar till jobbet. Anmälan är öppen nu.',
        body: 'Alla arbetsplatser i kommunen kan vara med, stora som små.\n\nVarje cyklad resa räknas, **även en kort bit till bussen**.',
        daysAgo: 6,
        author: 'redaktor@boras.example',
      },
      {
        council: 'dalsjofors',
        slug: 'dalsjofors-trygghetsvandring',
        title: 'Trygghetsvandring i Dalsjöfors centrum',
        lead: 'Ortsrådet bjuder in till en kvällsvandring för att hitta platser som känns otrygga.',
        body: 'Vi samlas vid torget. Kommunens kontaktperson följer med och tar med sig det vi ser till rätt förvaltning.',
        daysAgo: 3,
      },
      {
        council: 'fristad',
        slug: 'fristad-ny-lekplats',
        title: 'Ny lekplats vid Fristad torg i sommar',
        lead: 'Ortsrådets förslag från den lokala utvecklingsplanen blir verklighet: bygget börjar i juni.',
        body: 'Lekplatsen byggs med gungor, klätterställning och sittplatser i skugga.\n\nTack till alla som lämnade synpunkter på ortsrådets möten.',
        daysAgo: 1,
      },
      {
        council: 'sandared',
        slug: 'sandared-stadsdag',
        title: 'Städdag längs Sandaredsån',
        lead: 'Följ med och städa stigarna längs ån. Säckar och handskar finns på plats.',
        body: 'Vi börjar vid bron klockan 10 och fikar tillsammans efteråt.',
        daysAgo: 4,
      },
      {
        council: 'viskafors',
        slug: 'viskafors-belysning-gangvag',
        title: 'Belysningen på gång- och cykelvägen lagas',
        lead: 'Efter ortsrådets fråga lagar kommunen belysningen längs vägen mot Rydboholm.',
        body: 'Arbetet görs under hösten. Ortsrådet följer upp på nästa möte.',
        daysAgo: 5,
      },
    ],
  },
};

/** Loads Borås: the municipality, then every module's part of the data set in their seed order. */
export async function seedBoras(db: Db): Promise<Tenant> {
  const tenant = await createTenant(db, {
    slug: 'boras',
    name: 'Borås',
    hosts: ['boras.localhost'],
    isDefault: true,
    contactEmail: 'tillganglighet@boras.example',
  });
  await seedModules(modules, { db, tenantId: tenant.id, timeZone: tenant.timeZone, refs: new SeedRefs() }, BORAS);
  return tenant;
}
