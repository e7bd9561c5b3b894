import type { AgreementsSeedData } from '../modules/agreements/index.js';

/**
 * The compensation agreements of the Borås demo: one per ortsråd with the association that runs it.
 * The seed page says the councils are paid under separate agreements; the amounts, periods and
 * obligations here are invented (plausible for a council's yearly compensation) and must be
 * checked against the municipality's real agreements. Years are counted from the day the demo is
 * loaded: last year's report of Fristad waits for the contact person's approval.
 */
const Y = new Date().getFullYear();
const standard = {
  openMeetings: 4,
  minutesPublished: true,
  planUpdated: true,
  other: ['Bjuda in kommunens kontaktperson till ortsrådets möten', 'Sprida information från kommunen till föreningarna i orten'],
  paidUpToToday: true,
};

export const BORAS_AGREEMENTS: AgreementsSeedData = {
  agreements: [
    {
      council: 'fristad',
      title: 'Överenskommelse om lokal utveckling i Fristad',
      startsOn: `${Y - 2}-01-01`,
      endsOn: `${Y + 1}-12-31`,
      yearlyAmount: 50000,
      ...standard,
      reports: [
        {
          year: Y - 2,
          status: 'approved',
          narrative: 'Ortsrådet höll sex öppna möten, tog fram en ny mötesplats för unga i biblioteket och följde upp utvecklingsplanen.',
        },
        {
          year: Y - 1,
          status: 'submitted',
          narrative:
            'Under året höll ortsrådet öppna möten varje månad utom under sommaren. Ersättningen gick till lokalhyra, fika på de öppna mötena och tryck av informationsblad om trafiken vid skolan.',
        },
      ],
    },
    {
      council: 'dalsjofors',
      title: 'Överenskommelse om lokal utveckling i Dalsjöfors och Toarp',
      startsOn: `${Y - 2}-01-01`,
      endsOn: `${Y + 1}-12-31`,
      yearlyAmount: 50000,
      schedule: 'half_yearly',
      ...standard,
      reports: [
        { year: Y - 2, status: 'approved', narrative: 'Torgdagarna kom i gång och föreningskalendern blev klar.' },
        { year: Y - 1, status: 'approved', narrative: 'Fyra torgdagar, en gemensam föreningsmässa och arbete med pendelparkeringen.' },
      ],
    },
    {
      council: 'sandared',
      title: 'Överenskommelse om lokal utveckling i Sandared',
      startsOn: `${Y - 2}-01-01`,
      endsOn: `${Y + 1}-12-31`,
      yearlyAmount: 50000,
      ...standard,
      reports: [
        { year: Y - 2, status: 'approved', narrative: 'Arbetet med passagen över riksvägen fortsatte tillsammans med Trafikverket.' },
        {
          year: Y - 1,
          status: 'returned',
          narrative: 'Ortsrådet har arbetat med den nya utvecklingsplanen.',
          note: 'Tack! Berätta gärna vad ersättningen har använts till och hur många som kom till de öppna mötena.',
        },
      ],
    },
    {
      council: 'viskafors',
      title: 'Överenskommelse om lokal utveckling i Viskaforsbygden',
      startsOn: `${Y - 3}-01-01`,
      endsOn: `${Y}-12-31`,
      yearlyAmount: 40000,
      ...standard,
      reports: [
        { year: Y - 3, status: 'approved', narrative: 'Ortsrådet startade om efter pandemin med två öppna möten.' },
        { year: Y - 2, status: 'approved', narrative: 'Midsommarfirandet i Seglora och en trygghetsvandring i Viskafors.' },
        { year: Y - 1, status: 'draft', narrative: 'Utkast: vi har samlat in idéer till utvecklingsplanen.' },
      ],
    },
  ],
};
