/**
 * The Borås demo data set. Facts about localities, areas and functions come from Borås Stad's
 * public pages (autumn 2026). Organisation descriptions, contact details and every person are
 * invented for the demo; where the source was uncertain the comment beside the value says so.
 */

import { createVerifiedUser, grantRole } from '../modules/accounts/index.js';
import { saveCouncil, seedCouncilMember } from '../modules/councils/index.js';
import { seedMeetingBodies } from '../modules/meetings/index.js';
import { addMember, createOrganisation } from '../modules/organisations/index.js';
import { saveMeetingPlace } from '../modules/places/index.js';
import { saveArea, saveFunction, saveLocality } from '../modules/tenancy/index.js';
import type { Actor } from '../platform/authz/index.js';
import type { Db } from '../platform/db/index.js';
import { slugify } from '../platform/db/sql-helpers.js';
import { unwrap } from '../platform/result.js';
import { createTenant, type Tenant } from '../platform/tenants/index.js';
import { seedBorasMeetings } from './boras-meetings.js';

export const DEMO_PASSWORD = 'motesplats-demo';

/** One demo account per role, printed at start so a tester can sign in as each. */
export const DEMO_ACCOUNTS = [
  { email: 'admin@boras.example', name: 'Anna Administratör', role: 'Administratör / administrator' },
  { email: 'redaktor@boras.example', name: 'Erik Redaktör', role: 'Redaktör / editor' },
  { email: 'handlaggare@boras.example', name: 'Hanna Handläggare', role: 'Handläggare, Tekniska förvaltningen / case handler' },
  { email: 'foretradare@boras.example', name: 'Fredrik Företrädare', role: 'Företrädare för Framtid Fristad / organisation representative' },
  { email: 'invanare@boras.example', name: 'Ingrid Invånare', role: 'Invånare / resident' },
  { email: 'sekreterare@boras.example', name: 'Sofia Sekreterare', role: 'Sekreterare i Ortsråd Fristad / council secretary' },
  { email: 'kontaktperson@boras.example', name: 'Karl Kontaktperson', role: 'Kontaktperson för Fristad och Dalsjöfors / contact person' },
] as const;

/** Loads Borås: the municipality, its localities, areas, functions, organisations and demo people. */
export async function seedBoras(db: Db): Promise<Tenant> {
  const tenant = await createTenant(db, {
    slug: 'boras',
    name: 'Borås',
    hosts: ['boras.localhost'],
    isDefault: true,
    contactEmail: 'tillganglighet@boras.example',
  });
  const system: Actor = { tenantId: tenant.id, user: null, roles: [] };

  const town = unwrap(
    await saveLocality(db, system, {
      name: 'Borås',
      slug: 'boras',
      kind: 'town',
      description: 'Tätorten Borås med stadsdelarna och deras områdesnätverk.',
      covers: '',
      population: 74153,
    }),
  );
  const service = [
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
  const localityIds: Record<string, string> = { Borås: town.id };
  for (const l of service) {
    const saved = unwrap(await saveLocality(db, system, { ...l, slug: '', kind: 'service' }));
    localityIds[l.name] = saved.id;
  }

  const areaList = [
    { name: 'Brämhult–Svensgärde', covers: 'Brämhult, Svensgärde', active: true },
    { name: 'Hulta–Sörmarken', covers: 'Hulta, Sörmarken', active: true },
    { name: 'Hässleholmen–Boda', covers: 'Hässleholmen, Boda', active: true },
    { name: 'Kristineberg', covers: 'Dammsvedjan, Druvefors, Göta, Hedvigsborg', active: true },
    { name: 'Norrby', covers: 'Byttorp, Hestra, Parkstaden, Tullen', active: true },
    { name: 'Sjöbo', covers: 'Alideberg, Erikslund', active: true },
    { name: 'Trandared', covers: 'Bersbo, Bergsäter, Brotorp', active: false },
  ];
  const areaIds: Record<string, string> = {};
  for (const a of areaList) {
    const saved = unwrap(
      await saveArea(db, system, {
        ...a,
        slug: '',
        localityId: town.id,
        description: `Områdesnätverket ${a.name} samlar boende, föreningar, skolor och kommunala verksamheter i området. Nätverket träffas två till tre gånger per termin och det är frivilligt att delta.`,
      }),
    );
    areaIds[a.name] = saved.id;
  }

  // Names to verify with the municipality: some companies may have merged.
  const departments = [
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
  const functionIds: Record<string, string> = {};
  for (const [name, code] of departments) {
    functionIds[name] = unwrap(await saveFunction(db, system, { name, slug: '', kind: 'department', code, email: '', description: '' })).id;
  }
  const companies = [
    'AB Bostäder i Borås',
    'Borås Energi och Miljö AB',
    'Borås Elnät AB',
    'Fristadbostäder AB',
    'AB Sandhultsbostäder',
    'AB Toarpshus',
    'Viskaforshem AB',
    'Borås Djurpark AB',
  ];
  for (const name of companies) unwrap(await saveFunction(db, system, { name, slug: '', kind: 'company', code: '', email: '', description: '' }));
  unwrap(
    await saveFunction(db, system, {
      name: 'Södra Älvsborgs Räddningstjänstförbund',
      slug: '',
      kind: 'federation',
      code: '',
      email: '',
      description: 'Räddningstjänsten är ett kommunalförbund, inte en del av kommunen.',
    }),
  );

  type Org = {
    name: string;
    kind: 'association' | 'business' | 'idea_based' | 'municipal_unit' | 'religious' | 'school';
    locality?: string;
    area?: string;
    description: string;
    website?: string;
  };
  const orgs: Org[] = [
    {
      name: 'Attraktiva Toarp',
      kind: 'association',
      locality: 'Dalsjöfors',
      description: 'Intresseförening som driver ortsrådet för Dalsjöfors och Toarp och samlar föreningar, företag och eldsjälar kring utvecklingen av bygden.',
    },
    {
      name: 'Framtid Fristad',
      kind: 'association',
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
    { name: 'Dalsjöfors GoIF', kind: 'association', locality: 'Dalsjöfors', description: 'Idrottsförening med fotboll för barn, ungdomar och vuxna.' },
    { name: 'Fristads GoIF', kind: 'association', locality: 'Fristad', description: 'Idrottsförening med fotboll och friidrott.' },
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
    { name: 'Seglora byalag', kind: 'association', locality: 'Viskafors', description: 'Byalag som håller i midsommarfirande, städdagar och grannsamverkan.' },
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
  const orgIds: Record<string, string> = {};
  for (const o of orgs) {
    const created = unwrap(
      await createOrganisation(db, system, {
        name: o.name,
        kind: o.kind,
        orgNumber: '',
        description: o.description,
        email: '',
        phone: '',
        website: '',
        localityId: o.locality ? (localityIds[o.locality] ?? null) : null,
        areaId: o.area ? (areaIds[o.area] ?? null) : null,
      }),
    );
    orgIds[o.name] = created.id;
  }

  const people: Record<string, string> = {};
  for (const a of DEMO_ACCOUNTS) {
    people[a.email] = (await createVerifiedUser(db, tenant.id, { email: a.email, name: a.name, password: DEMO_PASSWORD })).id;
  }
  const id = (email: string) => people[email] as string;
  await grantRole(db, tenant.id, id('admin@boras.example'), 'admin');
  await grantRole(db, tenant.id, id('redaktor@boras.example'), 'editor');
  await grantRole(db, tenant.id, id('handlaggare@boras.example'), 'handler', { type: 'function', id: functionIds['Tekniska förvaltningen'] as string });
  await addMember(db, tenant.id, orgIds['Framtid Fristad'] as string, id('foretradare@boras.example'), 'representative');
  await addMember(db, tenant.id, orgIds['Framtid Fristad'] as string, id('invanare@boras.example'), 'member');

  // Councils: the four ortsråd, the seven area networks and the contact persons' own network.
  const council = async (v: {
    name: string;
    slug: string;
    kind: 'local_council' | 'area_network' | 'contact_network';
    locality?: string;
    area?: string;
    runBy?: string;
    description: string;
    howToJoin?: string;
    isPublic?: boolean;
    active?: boolean;
  }) =>
    unwrap(
      await saveCouncil(db, system, {
        name: v.name,
        slug: v.slug,
        kind: v.kind,
        localityId: v.locality ? (localityIds[v.locality] ?? null) : null,
        areaId: v.area ? (areaIds[v.area] ?? null) : null,
        organisation: v.runBy ?? '',
        description: v.description,
        howToJoin: v.howToJoin ?? '',
        isPublic: v.isPublic ?? true,
        active: v.active ?? true,
      }),
    );
  const councilRefs: Record<string, { id: string; slug: string }> = {};
  const councilId = (key: string) => councilRefs[key]?.id as string;
  councilRefs.dalsjofors = await council({
    name: 'Ortsråd Dalsjöfors/Toarp',
    slug: 'dalsjofors-toarp',
    kind: 'local_council',
    locality: 'Dalsjöfors',
    runBy: 'Attraktiva Toarp',
    description:
      'Ortsrådet för Dalsjöfors och Toarp samlar föreningar, företag, kyrkan, skolan och eldsjälar i Aplared, Dalsjöfors, Dannike, Gånghester, Målsryd, Rångedala och Äspered.',
    howToJoin: 'Ortsrådet träffas ungefär en gång i månaden. Hör av dig till Attraktiva Toarp om du vill vara med.',
  });
  councilRefs.fristad = await council({
    name: 'Ortsråd Fristad',
    slug: 'fristad',
    kind: 'local_council',
    locality: 'Fristad',
    runBy: 'Framtid Fristad',
    description:
      'Ortsrådet i Fristad arbetar för en levande ort med service, mötesplatser och trygghet för Fristad, Borgstena, Bredared, Frufällan och Sparsör.',
    howToJoin: 'Alla föreningar och företag i Fristad är välkomna. Anmäl intresse till Framtid Fristad.',
  });
  // Uncertain in the source: the association that runs Sandared's council.
  councilRefs.sandared = await council({
    name: 'Ortsråd Sandared',
    slug: 'sandared',
    kind: 'local_council',
    locality: 'Sandared',
    runBy: 'Sandareds intresseförening',
    description: 'Ortsrådet för Sandared, Sjömarken, Hedared och Sandhult.',
  });
  councilRefs.viskafors = await council({
    name: 'Viskaforsbygdens ortsråd',
    slug: 'viskafors',
    kind: 'local_council',
    locality: 'Viskafors',
    runBy: 'Viskaforsbygdens ortsråd',
    description: 'Ortsrådet för Viskafors, Seglora, Svaneholm, Kinnarumma och Rydboholm.',
  });
  for (const a of areaList) {
    councilRefs[a.name] = await council({
      name: `Områdesnätverk ${a.name}`,
      slug: '',
      kind: 'area_network',
      area: a.name,
      description: `Nätverket samlar föreningar, skolor, bostadsbolag och kommunala verksamheter i ${a.covers}. Det träffas två till tre gånger per termin.`,
      howToJoin: 'Det är frivilligt att delta. Kontakta kommunens kontaktperson för området.',
      active: a.active,
    });
  }
  councilRefs.contacts = await council({
    name: 'Kontaktpersonernas nätverk',
    slug: 'kontaktpersoner',
    kind: 'contact_network',
    runBy: '',
    description:
      'Fritids- och folkhälsoförvaltningens kontaktpersoner för ortsråden träffas regelbundet för att hålla frågorna aktuella och stärka samverkan mellan områdena.',
    isPublic: false,
  });

  const fristadCouncil = councilId('fristad');
  await seedCouncilMember(db, tenant.id, fristadCouncil, { userId: id('foretradare@boras.example'), organisationId: orgIds['Framtid Fristad'], role: 'chair' });
  await seedCouncilMember(db, tenant.id, fristadCouncil, { userId: id('sekreterare@boras.example'), role: 'secretary' });
  await seedCouncilMember(db, tenant.id, fristadCouncil, { userId: id('invanare@boras.example'), role: 'member' });
  for (const name of ['Fristads GoIF', 'Fristads församling', 'Fristads folkhögskola', 'Borgstena bygdegårdsförening']) {
    await seedCouncilMember(db, tenant.id, fristadCouncil, { organisationId: orgIds[name] });
  }
  for (const name of ['Attraktiva Toarp', 'Dalsjöfors GoIF', 'Rångedala hembygdsförening', 'Toarps företagarförening']) {
    await seedCouncilMember(db, tenant.id, councilId('dalsjofors'), { organisationId: orgIds[name] });
  }
  for (const name of ['Viskafors IF', 'Seglora byalag']) await seedCouncilMember(db, tenant.id, councilId('viskafors'), { organisationId: orgIds[name] });
  await seedCouncilMember(db, tenant.id, councilId('sandared'), { organisationId: orgIds['Sjömarkens villaägareförening'] });
  await seedCouncilMember(db, tenant.id, councilId('Kristineberg'), { organisationId: orgIds['Kristinebergs hyresgästförening'] });
  await seedCouncilMember(db, tenant.id, councilId('Norrby'), { organisationId: orgIds['Norrby fritidsgård'] });
  await seedCouncilMember(db, tenant.id, councilId('Hässleholmen–Boda'), { organisationId: orgIds['Hässleholmens bibliotek'] });
  await seedCouncilMember(db, tenant.id, councilId('Sjöbo'), { organisationId: orgIds['Sjöbo träffpunkt'] });
  await seedCouncilMember(db, tenant.id, councilId('Hulta–Sörmarken'), { organisationId: orgIds['Hulta Sörmarken IK'] });
  await seedCouncilMember(db, tenant.id, councilId('Brämhult–Svensgärde'), { organisationId: orgIds['Brämhults byalag'] });
  const contact = id('kontaktperson@boras.example');
  await grantRole(db, tenant.id, contact, 'contact_person', { type: 'council', id: fristadCouncil });
  await grantRole(db, tenant.id, contact, 'contact_person', { type: 'council', id: councilId('dalsjofors') });
  await seedCouncilMember(db, tenant.id, councilId('contacts'), { userId: contact, role: 'chair' });

  // Meeting places. Addresses and accessibility are invented for the demo; verify with the municipality.
  const meetingPlaces = [
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
  const placeIds: Record<string, string> = {};
  for (const p of meetingPlaces) {
    placeIds[p.name] = unwrap(
      await saveMeetingPlace(db, system, {
        name: p.name,
        slug: '',
        address: p.address,
        localityId: localityIds[p.locality] ?? null,
        areaId: p.area ? (areaIds[p.area] ?? null) : null,
        description: '',
        openingHours: '',
        stepFree: p.stepFree,
        accessibleToilet: p.accessibleToilet,
        hearingLoop: p.hearingLoop,
        transitNearby: true,
        accessibilityNotes: '',
      }),
    ).id;
  }

  // The political calendar's bodies (names of Borås Stad's council, executive board and a committee).
  const bodyIds = await seedMeetingBodies(db, system, [
    { name: 'Kommunfullmäktige', description: 'Kommunens högsta beslutande organ. Sammanträdena är öppna för allmänheten.' },
    { name: 'Kommunstyrelsen', description: 'Leder och samordnar kommunens arbete.' },
    { name: 'Fritids- och folkhälsonämnden', description: 'Ansvarar bland annat för föreningsbidrag, mötesplatser och stödet till ortsråden.' },
  ]);
  const bodies: Record<string, { id: string; slug: string }> = {};
  for (const [name, bodyId] of Object.entries(bodyIds)) bodies[name] = { id: bodyId, slug: slugify(name) };

  await seedBorasMeetings(db, {
    tenantId: tenant.id,
    timeZone: tenant.timeZone,
    councils: councilRefs,
    orgs: orgIds,
    people,
    places: placeIds,
    bodies,
  });
  return tenant;
}
