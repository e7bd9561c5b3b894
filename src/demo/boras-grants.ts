import type { GrantsSeedData } from '../modules/grants/index.js';

/**
 * The grant programmes of the Borås demo, from the facts the municipality publishes (see
 * shared/reference/boras.md): the association grants of the leisure and public health committee
 * and the local development funds. Call dates are counted from the day the demo is loaded; the
 * budgets of the association grants are invented.
 */
const Y = new Date().getFullYear();

export const BORAS_GRANTS: GrantsSeedData = {
  programmes: [
    {
      name: 'Grundbidrag',
      kind: 'association',
      summary: 'Ett bidrag per bidragsberättigad medlem, 100 kr per medlem.',
      whenToApply: 'Inom en månad efter föreningens årsmöte.',
      registeredAssociation: true,
      minMembers: 10,
      otherRules: 'Föreningen har sitt säte i Borås',
      calls: [
        { title: `Grundbidrag ${Y}`, opensOn: `${Y}-01-01`, closesOn: `${Y}-12-31`, budget: 1_500_000 },
        { title: `Grundbidrag ${Y - 1}`, opensOn: `${Y - 1}-01-01`, closesOn: `${Y - 1}-12-31`, budget: 1_400_000 },
      ],
    },
    {
      name: 'Aktivitetsstöd',
      kind: 'association',
      summary: 'Stöd för ledarledda aktiviteter med 3–20 deltagare i åldern 6–20 år.',
      whenToApply: 'Två gånger om året, för halvåret som gått.',
      registeredAssociation: true,
      ageMin: 6,
      ageMax: 20,
      calls: [
        { title: `Aktivitetsstöd våren ${Y}`, opensOn: `${Y}-07-01`, closesOn: `${Y}-08-25`, budget: 2_000_000 },
        { title: `Aktivitetsstöd hösten ${Y}`, opensOn: `${Y + 1}-01-01`, closesOn: `${Y + 1}-02-25`, budget: 2_000_000 },
      ],
    },
    {
      name: 'Aktiverings- och inkluderingsbidrag',
      kind: 'association',
      summary: 'För aktiviteter som får fler att delta och känna sig välkomna.',
      whenToApply: 'Hela året, före aktiviteten.',
      minAmount: 2000,
      maxAmount: 10000,
      fastTrackLimit: 10000,
      registeredAssociation: true,
      criteria: 'Når nya deltagare | 3\nSamverkan med andra föreningar | 2\nRimlig budget | 1',
      calls: [{ title: 'Aktiverings- och inkluderingsbidrag, löpande', opensOn: `${Y}-01-01`, budget: 400_000 }],
    },
    {
      name: 'Socialt riktat stöd',
      kind: 'association',
      summary: 'För föreningar som arbetar i områden som kommunen har definierat som socialt utsatta.',
      whenToApply: 'Senast den 15 november.',
      minAmount: 10000,
      maxAmount: 250000,
      registeredAssociation: true,
      criteria: 'Verksamhet i utsatta områden | 3\nBarn och unga | 2\nLångsiktighet | 2',
      calls: [{ title: `Socialt riktat stöd ${Y + 1}`, opensOn: `${Y}-09-01`, closesOn: `${Y}-11-15`, budget: 3_000_000 }],
    },
    {
      name: 'Medel för lokal utveckling',
      kind: 'local_development',
      summary: 'Medel som gör invånarnas lokala idéer till projekt: aktiviteter och mindre inköp som utvecklar en plats.',
      description:
        'Kommunstyrelsen avsätter högst 2 miljoner kronor om året, fördelat på två ansökningsperioder. Föreningar och lokala grupper söker; enskilda personer söker genom en förening. Samverkan med idrottsföreningar, företag, skolor, pensionärsföreningar och byalag uppmuntras. Projektet ska stödja den demokratiska utvecklingen och respekten för grundläggande värderingar. Kommunen medfinansierar bara.',
      whenToApply: 'Två ansökningsperioder om året.',
      maxAmount: 1_000_000,
      fastTrackLimit: 100_000,
      otherRules: 'Projektet utvecklar en plats: ett kvarter, en stadsdel eller en landsbygd\nKommunen står inte för hela kostnaden',
      criteria: 'Lokal förankring | 3\nFler får vara med | 2\nSamverkan | 2\nGenomförbarhet | 1',
      calls: [
        { title: `Medel för lokal utveckling, våren ${Y}`, opensOn: `${Y}-02-01`, closesOn: `${Y}-03-31`, budget: 1_000_000 },
        { title: `Medel för lokal utveckling, hösten ${Y}`, opensOn: `${Y}-11-01`, closesOn: `${Y}-12-15`, budget: 1_000_000 },
      ],
    },
  ],
};
