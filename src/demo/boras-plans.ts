import type { PlansSeedData } from '../modules/plans/index.js';

/**
 * The development plans of the Borås demo: one per ortsråd and Viskans park as a project in
 * stages. Sandared's plan 2012–2025 is real (written by Sandareds intresseförening); its actions,
 * and the other councils' plans, are invented from what such plans usually hold. Dates are counted
 * from the year the demo is loaded, so the plans look alive whenever it runs.
 */
const Y = new Date().getFullYear();
const d = (yearsAgo: number, monthDay: string) => `${Y - yearsAgo}-${monthDay}`;
const up = (yearsAgo: number, monthDay: string, body: string, percent?: number) => ({ day: d(yearsAgo, monthDay), body, percent });

const FRISTAD: PlansSeedData['plans'][number] = {
  council: 'fristad',
  slug: 'fristad',
  title: 'Lokal utvecklingsplan för Fristad',
  startYear: Y - 3,
  endYear: Y + 4,
  vision: 'Fristad ska vara en levande ort där det är lätt att mötas, tryggt att röra sig och nära till naturen, med service och arbete på orten.',
  adopted: { on: d(3, '03-14') },
  reviews: [
    {
      year: Y - 2,
      on: d(2, '02-20'),
      body: 'Under året blev mötesplatsen i biblioteket klar och belysningen längs Skolgatan lagad. Trafiksäkerheten vid skolan är fortfarande den viktigaste frågan; kommunen har lovat en utredning. Ortsrådet prioriterar nästa år gång- och cykelvägen mot Borgstena.',
    },
    {
      year: Y - 1,
      on: d(1, '02-18'),
      body: 'Utredningen om trafiken vid skolan är gjord och hastighetsdämpning byggs. Badplatsen vid Frufällan fick ny brygga med pengar från medel för lokal utveckling. Arbetet med fler bostäder för äldre går långsamt.',
    },
  ],
  areas: [
    {
      title: 'Mötesplatser',
      description: 'Platser där alla åldrar kan träffas, inomhus och ute.',
      actions: [
        {
          title: 'Mötesplats för unga i biblioteket',
          description: 'Öppet två kvällar i veckan med fritidsledare.',
          organisation: 'Framtid Fristad',
          cost: 60000,
          funding: 'Medel för lokal utveckling',
          target: d(2, '09-30'),
          status: 'done',
          updates: [
            up(3, '05-10', 'Biblioteket och fritidsgården har sagt ja till att prova.', 20),
            up(2, '01-20', 'Öppet tisdagar och torsdagar sedan januari.', 80),
            up(2, '09-15', 'Permanent efter provperioden.', 100),
          ],
        },
        {
          title: 'Ny lekplats i centrum',
          function: 'Tekniska förvaltningen',
          cost: 850000,
          funding: 'Kommunens budget för lekplatser',
          target: d(0, '10-31'),
          status: 'in_progress',
          answer: { status: 'in_progress', text: 'Lekplatsen byggs om i etapper. Första etappen är klar; resten görs nästa år.', on: d(0, '04-02') },
          updates: [
            up(1, '06-12', 'Tekniska förvaltningen har visat skisser på ortsrådets möte.', 20),
            up(0, '05-28', 'Första etappen med gungor och sandlåda är klar.', 50),
          ],
        },
        {
          title: 'Bygdegårdens kök rustas',
          organisation: 'Borgstena bygdegårdsförening',
          cost: 120000,
          funding: 'Föreningens egna medel och bidrag',
          target: d(-1, '06-30'),
          status: 'planned',
        },
      ],
    },
    {
      title: 'Trafik och trygghet',
      description: 'Säkra vägar till skolan och mellan orterna.',
      actions: [
        {
          title: 'Säkrare skolväg vid Fristadskolan',
          function: 'Tekniska förvaltningen',
          cost: 400000,
          target: d(1, '08-15'),
          status: 'in_progress',
          answer: {
            status: 'accepted',
            text: 'Hastighetsdämpande åtgärder och ett nytt övergångsställe byggs. Förseningen beror på ledningsarbete.',
            on: d(1, '03-10'),
          },
          updates: [up(2, '10-01', 'Kommunen har gjort en trafikmätning.', 20), up(1, '03-15', 'Beslut om åtgärder. Byggstart efter sommaren.', 40)],
        },
        {
          title: 'Gång- och cykelväg mot Borgstena',
          function: 'Tekniska förvaltningen',
          cost: 6500000,
          funding: 'Regional infrastrukturplan',
          target: d(-3, '12-31'),
          status: 'idea',
        },
        {
          title: 'Belysning längs Skolgatan',
          function: 'Tekniska förvaltningen',
          target: d(2, '12-31'),
          status: 'done',
          answer: { status: 'done', text: 'Belysningen är utbytt till LED.', on: d(2, '11-20') },
          updates: [up(2, '11-20', 'Alla stolpar har ny belysning.', 100)],
        },
        {
          title: 'Grannsamverkan i alla bostadsområden',
          organisation: 'Framtid Fristad',
          status: 'paused',
          updates: [up(2, '04-01', 'Vilande tills vi hittar fler kontaktombud.', 30)],
        },
      ],
    },
    {
      title: 'Natur och fritid',
      actions: [
        {
          title: 'Ny brygga vid Frufällans badplats',
          organisation: 'Fristads GoIF',
          cost: 95000,
          funding: 'Medel för lokal utveckling',
          target: d(1, '06-01'),
          status: 'done',
          updates: [up(1, '05-25', 'Bryggan är på plats inför badsäsongen.', 100)],
        },
        {
          title: 'Motionsspår med belysning',
          organisation: 'Fristads GoIF',
          cost: 300000,
          target: d(1, '11-30'),
          status: 'planned',
        },
      ],
    },
    {
      title: 'Boende och service',
      actions: [
        {
          title: 'Trygghetsboende för äldre',
          function: 'Fristadbostäder AB',
          target: d(-2, '12-31'),
          status: 'planned',
          answer: { status: 'received', text: 'Bolaget utreder var ett trygghetsboende kan byggas.', on: d(1, '09-01') },
        },
        {
          title: 'Bankomat i centrum',
          status: 'dropped',
          updates: [up(2, '03-01', 'Banken har sagt nej; vi arbetar i stället för kontantservice i butiken.')],
        },
      ],
    },
  ],
};

const DALSJOFORS: PlansSeedData['plans'][number] = {
  council: 'dalsjofors',
  slug: 'dalsjofors-toarp',
  title: 'Utvecklingsplan för Dalsjöfors och Toarp',
  startYear: Y - 2,
  endYear: Y + 5,
  vision: 'Toarp ska vara attraktivt att bo, verka och leva i, med aktiva föreningar och ett levande centrum.',
  adopted: { on: d(2, '04-05') },
  areas: [
    {
      title: 'Ett levande centrum',
      actions: [
        {
          title: 'Torgdagar fyra gånger om året',
          organisation: 'Toarps företagarförening',
          cost: 40000,
          status: 'in_progress',
          updates: [up(1, '05-20', 'Första torgdagen samlade 600 besökare.', 25), up(1, '09-10', 'Höstens torgdag med skördemarknad.', 50)],
        },
        { title: 'Upprustning av Dalsjöfors torg', function: 'Samhällsbyggnadsförvaltningen', cost: 2500000, target: d(-2, '06-30'), status: 'idea' },
      ],
    },
    {
      title: 'Föreningsliv',
      actions: [
        {
          title: 'Gemensam föreningskalender',
          organisation: 'Attraktiva Toarp',
          status: 'done',
          updates: [up(2, '10-01', 'Kalendern finns nu i Mötesplats.', 100)],
        },
        { title: 'Konstgräsplan vid idrottsplatsen', organisation: 'Dalsjöfors GoIF', cost: 4800000, target: d(0, '08-01'), status: 'paused' },
      ],
    },
    {
      title: 'Trafik',
      actions: [
        {
          title: 'Pendelparkering vid busshållplatsen',
          function: 'Tekniska förvaltningen',
          cost: 700000,
          target: d(1, '12-31'),
          status: 'planned',
        },
      ],
    },
  ],
};

const SANDARED: PlansSeedData['plans'][number] = {
  council: 'sandared',
  slug: 'sandared',
  title: 'Lokal utvecklingsplan för Sandared 2012–2025',
  startYear: 2012,
  endYear: 2025,
  vision: 'Sandared, Sjömarken, Hedared och Sandhult ska växa med omtanke: ett samhälle med närhet till natur, bra kommunikationer och en stark gemenskap.',
  adopted: { on: '2012-03-20' },
  revising: true,
  reviews: [
    { year: 2019, on: '2020-02-11', body: 'Halvtid i planen. Tågstoppet och gång- och cykelvägarna har kommit långt; centrumutvecklingen står still.' },
    { year: Y - 1, on: d(0, '02-09'), body: 'Planperioden är slut. Ortsrådet påbörjar en ny plan och tar med det som inte blev gjort.' },
  ],
  areas: [
    {
      title: 'Kommunikationer',
      actions: [
        {
          title: 'Fler tåg som stannar i Sandared',
          status: 'done',
          updates: [up(10, '12-15', 'Ny tidtabell med fler stopp.', 100)],
        },
        {
          title: 'Gång- och cykelväg Sandared–Sjömarken',
          function: 'Tekniska förvaltningen',
          cost: 9000000,
          target: '2020-12-31',
          status: 'done',
          answer: { status: 'done', text: 'Gång- och cykelvägen invigdes hösten 2020.', on: '2020-10-12' },
          updates: [up(Y - 2018, '05-01', 'Byggstart.', 30), { day: '2020-10-12', body: 'Invigd.', percent: 100 }],
        },
        {
          title: 'Säker passage över riksväg 27/40',
          function: 'Tekniska förvaltningen',
          target: '2022-12-31',
          status: 'in_progress',
          answer: { status: 'in_progress', text: 'Frågan drivs tillsammans med Trafikverket.', on: d(2, '05-05') },
          updates: [up(3, '05-05', 'Trafikverket har tagit med passagen i sin åtgärdsplan.', 30)],
        },
      ],
    },
    {
      title: 'Centrum och service',
      actions: [
        { title: 'Nytt centrum vid stationen', function: 'Samhällsbyggnadsförvaltningen', target: '2025-12-31', status: 'paused' },
        { title: 'Vårdcentral i Sandared', status: 'dropped' },
      ],
    },
    {
      title: 'Natur och rekreation',
      actions: [
        {
          title: 'Vandringsled runt Sandsjön',
          organisation: 'Sjömarkens villaägareförening',
          cost: 150000,
          status: 'done',
          updates: [{ day: '2016-06-06', body: 'Leden är skyltad hela vägen runt.', percent: 100 }],
        },
        { title: 'Badplatsen vid Sandsjön rustas', function: 'Tekniska förvaltningen', target: d(-1, '06-01'), status: 'idea' },
      ],
    },
  ],
};

const VISKAFORS: PlansSeedData['plans'][number] = {
  council: 'viskafors',
  slug: 'viskafors',
  title: 'Viskaforsbygdens utvecklingsplan',
  startYear: Y,
  endYear: Y + 6,
  vision: 'Viskaforsbygden ska vara en trygg och levande bygd längs Viskan, där unga vill stanna och nya vill flytta hit.',
  areas: [
    {
      title: 'Mötesplatser',
      actions: [
        { title: 'Aktivitetshus i gamla stationen', organisation: 'Viskafors IF', cost: 1200000, status: 'idea' },
        { title: 'Midsommarfirande i Seglora varje år', organisation: 'Seglora byalag', status: 'planned' },
        // Funded by the local development funds (the grant is in the grants demo).
        {
          title: 'Rastplatser längs Viskan',
          organisation: 'Seglora byalag',
          cost: 65000,
          funding: 'Medel för lokal utveckling',
          status: 'done',
          grants: ['Rastplats vid Viskan'],
        },
      ],
    },
    {
      title: 'Trygghet',
      actions: [
        {
          title: 'Belysning på gång- och cykelvägen mot Rydboholm',
          function: 'Tekniska förvaltningen',
          target: d(0, '12-20'),
          status: 'in_progress',
          updates: [up(0, '10-05', 'Kommunen lagar belysningen under hösten.', 40)],
        },
      ],
    },
  ],
};

const VISKANS_PARK: PlansSeedData['plans'][number] = {
  function: 'Tekniska förvaltningen',
  slug: 'viskans-park',
  title: 'Viskans park',
  startYear: Y - 4,
  endYear: Y + 8,
  vision:
    'Viskan ska få en tvilling: en grönskande park från Rya åsar i norr till Gässlösa i söder. Den fem kilometer långa sträckan blir sammanhängande, så att man kan promenera genom hela staden i grönska utan biltrafik. Parken byggs i etapper och blir till slut ett pärlband av parker. Grönskan sänker temperaturen varma dagar, håller vatten regniga dagar och ökar den biologiska mångfalden.',
  adopted: { on: d(4, '06-10') },
  areas: [
    {
      title: 'Etapp 1: Rya åsar – Knalleland',
      actions: [
        {
          title: 'Gångstråk och naturpark vid Rya åsar',
          cost: 18000000,
          target: d(2, '10-31'),
          status: 'done',
          updates: [up(4, '09-01', 'Byggstart.', 10), up(3, '06-15', 'Halva stråket öppet.', 50), up(2, '10-20', 'Etappen invigd.', 100)],
        },
      ],
    },
    {
      title: 'Etapp 2: Centrum',
      actions: [
        {
          title: 'Kajpromenad och sittplatser längs Viskan i centrum',
          cost: 42000000,
          target: d(-1, '06-30'),
          status: 'in_progress',
          updates: [up(1, '04-01', 'Arbetet med kajen har börjat.', 15), up(0, '03-20', 'Ny bro för gående klar.', 40)],
        },
        { title: 'Dagvattenparken vid Åhaga', cost: 15000000, target: d(1, '12-31'), status: 'planned' },
      ],
    },
    {
      title: 'Etapp 3: Gässlösa',
      actions: [{ title: 'Park och våtmark vid Gässlösa', cost: 30000000, target: d(-6, '12-31'), status: 'idea' }],
    },
  ],
};

export const BORAS_PLANS: PlansSeedData = { plans: [FRISTAD, DALSJOFORS, SANDARED, VISKAFORS, VISKANS_PARK] };
