import { addDays, localParts } from '../../platform/time.js';
import type { BulkQuestion } from './bulk.js';
import { addWorkingDays } from './commands.js';
import type { QuestionStatus, SecretField } from './schema.js';

/** A seeded source of numbers and ids, so the same call always writes the same questions. */
export interface Random {
  next(): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  uuid(): string;
}

/** What a question is typically about, per category code: subject and question (with `{ort}` and `{gata}`), and an answer. */
const TEMPLATES: Record<string, { subject: string; body: string; answer: string }[]> = {
  gata: [
    {
      subject: 'Potthål på {gata} i {ort}',
      body: 'Det har blivit djupa gropar i asfalten på {gata}. Bilar väjer ut i mötande körfält.',
      answer: 'Gropen är lagad. Sträckan finns med i nästa års beläggningsplan.',
    },
    {
      subject: 'Trottoaren på {gata} saknar kantsten',
      body: 'Kantstenen vid övergångsstället på {gata} är borta, och barnvagnar fastnar.',
      answer: 'Vi lägger ny kantsten när tjälen har gått ur marken i vår.',
    },
    {
      subject: 'Snöröjning av cykelbanan i {ort}',
      body: 'Cykelbanan längs {gata} plogas långt efter bilvägen. Det är svårt att ta sig till jobbet.',
      answer: 'Cykelbanan har nu samma prioritet som huvudgatan i vinterns plogordning.',
    },
    {
      subject: 'Fartgupp på {gata}',
      body: 'Bilarna kör fort förbi förskolan på {gata}. Kan kommunen sätta upp fartgupp?',
      answer: 'Vi har mätt hastigheterna och sätter ut två farthinder under sommaren.',
    },
  ],
  belysning: [
    {
      subject: 'Släckt gatlykta på {gata}',
      body: 'Gatlyktan vid {gata} i {ort} har varit släckt i flera veckor.',
      answer: 'Lyktan är lagad. Felet berodde på en trasig kabel.',
    },
    {
      subject: 'Mörk gångväg vid {gata}',
      body: 'Gångvägen mellan {gata} och busshållplatsen saknar belysning helt.',
      answer: 'Vi sätter upp tre nya stolpar längs gångvägen i höst.',
    },
    { subject: 'Belysningen blinkar på {gata}', body: 'Flera ljuspunkter längs {gata} blinkar på kvällarna.', answer: 'Armaturerna är utbytta mot LED.' },
  ],
  park: [
    {
      subject: 'Trasig gunga på lekplatsen i {ort}',
      body: 'En av gungorna på lekplatsen vid {gata} har gått sönder och hänger snett.',
      answer: 'Gungan är bytt och lekplatsen besiktigad.',
    },
    {
      subject: 'Nedskräpning vid {gata}',
      body: 'Papperskorgarna vid grönområdet vid {gata} blir överfulla varje helg.',
      answer: 'Vi tömmer papperskorgarna oftare under sommaren och sätter ut en till.',
    },
    {
      subject: 'Fällda träd i skogsdungen i {ort}',
      body: 'Efter stormen ligger flera träd över stigen nära {gata}.',
      answer: 'Träden är bortforslade och stigen är framkomlig igen.',
    },
    {
      subject: 'Gräsklippning vid {gata}',
      body: 'Gräset på allmänningen vid {gata} har inte klippts på hela sommaren.',
      answer: 'Ytan är tillagd i skötselplanen och klipps var tredje vecka.',
    },
  ],
  fritid: [
    {
      subject: 'Lokal för föreningsmöten i {ort}',
      body: 'Vår förening behöver en lokal en kväll i veckan. Finns det kommunala lokaler i {ort}?',
      answer: 'Skolans matsal kan bokas kvällstid. Boka genom kommunens lokalbokning.',
    },
    {
      subject: 'Öppettider för fritidsgården i {ort}',
      body: 'Kan fritidsgården i {ort} ha öppet även på lördagar?',
      answer: 'Från hösten har fritidsgården öppet lördagar 14–20.',
    },
    {
      subject: 'Stöd till ungdomsverksamhet i {ort}',
      body: 'Vilket stöd kan vår förening söka för aktiviteter för unga i {ort}?',
      answer: 'Ni kan söka aktivitetsbidrag och bidrag för aktivering och inkludering. Läs mer under föreningsstöd.',
    },
  ],
  bygga: [
    {
      subject: 'Detaljplan för området vid {gata}',
      body: 'Vad händer med den nya detaljplanen för bostäder vid {gata} i {ort}?',
      answer: 'Planen ställs ut för granskning i vår. Du kan lämna synpunkter då.',
    },
    {
      subject: 'Bygglov för uteservering i {ort}',
      body: 'Behövs bygglov för en uteservering på {gata}?',
      answer: 'Ja, om den har fasta delar. Ansök via e-tjänsten för bygglov.',
    },
    {
      subject: 'Övergivet hus på {gata}',
      body: 'Huset på {gata} har stått tomt i flera år och förfaller.',
      answer: 'Vi har kontaktat fastighetsägaren och följer upp ärendet.',
    },
  ],
  tillganglighet: [
    {
      subject: 'Trappa utan ledstång vid {gata}',
      body: 'Trappan upp till vårdcentralen vid {gata} saknar ledstång på ena sidan.',
      answer: 'Ledstång är monterad på båda sidorna.',
    },
    {
      subject: 'Trasig hiss vid stationen i {ort}',
      body: 'Hissen till perrongen i {ort} har varit ur funktion i två veckor.',
      answer: 'Hissen är lagad. Vi har bett fastighetsägaren om snabbare felanmälan.',
    },
    {
      subject: 'Höga kanter vid övergångsställe på {gata}',
      body: 'Med rullator går det inte att ta sig över vid {gata}: kanten är för hög.',
      answer: 'Övergångsstället byggs om med nedsänkt kantsten i höst.',
    },
  ],
};
const STREETS = ['Storgatan', 'Kyrkvägen', 'Ringvägen', 'Åvägen', 'Stationsgatan', 'Skogsvägen', 'Björkgatan', 'Parkvägen', 'Sjövägen', 'Torggatan'];
/** How questions end up, weighed: most are answered. */
const OUTCOMES: [QuestionStatus, number][] = [
  ['answered', 0.6],
  ['closed', 0.08],
  ['not_ours', 0.07],
  ['duplicate', 0.04],
  ['in_progress', 0.07],
  ['waiting', 0.05],
  ['forwarded', 0.04],
  ['triaged', 0.03],
  ['received', 0.02],
];

export interface GenerateQuestionsInput {
  random: Random;
  count: number;
  /** Received evenly from `from` to `to`. */
  from: Date;
  to: Date;
  timeZone: string;
  categories: { id: string; code: string; functionId: string; dueDays: number }[];
  functions: { id: string; code: string }[];
  localities: { id: string; name: string }[];
  askers: string[];
  /** A handler per function, who takes the steps (null: nobody named). */
  handlers: Map<string, string | null>;
  councils: { id: string; localityId: string | null }[];
}

/** Questions across the categories, localities and statuses, with believable histories: some referred, some confidential, some a council's. */
export function generateQuestions(g: GenerateQuestionsInput): BulkQuestion[] {
  const r = g.random;
  const span = g.to.getTime() - g.from.getTime();
  const pickOutcome = (): QuestionStatus => {
    let x = r.next();
    for (const [s, w] of OUTCOMES) {
      if (x < w) return s;
      x -= w;
    }
    return 'answered';
  };
  const fnCode = new Map(g.functions.map((f) => [f.id, f.code]));
  return Array.from({ length: g.count }, (_, i) => {
    const category = r.pick(g.categories.filter((c) => TEMPLATES[c.code])) ?? (g.categories[0] as GenerateQuestionsInput['categories'][number]);
    const template = r.pick(TEMPLATES[category.code] ?? TEMPLATES.gata ?? []);
    const locality = r.pick(g.localities);
    const street = r.pick(STREETS);
    const fill = (s: string) => s.replaceAll('{ort}', locality.name).replaceAll('{gata}', street);
    const receivedAt = new Date(g.from.getTime() + Math.floor(((i + r.next()) / g.count) * span));
    const status = pickOutcome();
    const handler = g.handlers.get(category.functionId) ?? null;
    const council = r.next() < 0.15 ? g.councils.find((c) => c.localityId === locality.id) : undefined;
    // One in ten came by phone, letter or visit from someone who wished to stay anonymous.
    const anonymous = !council && r.next() < 0.1;
    const events: BulkQuestion['events'] = [
      { at: receivedAt, actorId: null, kind: anonymous ? 'registeredOnBehalf' : 'received', status: 'received', functionId: category.functionId, note: '' },
    ];
    let t = receivedAt.getTime();
    const step = (kind: string, s: QuestionStatus | null, note = '', functionId = category.functionId) => {
      t += (1 + r.int(5)) * 86_400_000 + r.int(8 * 3_600_000);
      events.push({ at: new Date(t), actorId: handler, kind, status: s, functionId, note });
    };
    // A few are referred to the function that should have had them; the register keeps where they came in.
    let functionId = category.functionId;
    const other = g.functions.filter((f) => f.id !== category.functionId);
    if (status !== 'received' && other.length && r.next() < 0.08) {
      functionId = r.pick(other).id;
      step('forwarded', 'forwarded', 'Frågan gäller en annan förvaltnings ansvar.', functionId);
    }
    if (status !== 'received' && status !== 'forwarded') step('triaged', 'triaged', '', functionId);
    let answer = '';
    let answeredAt: Date | null = null;
    if (status === 'in_progress') step('in_progress', 'in_progress', '', functionId);
    if (status === 'waiting') step('waiting', 'waiting', 'Var exakt ligger platsen? Skicka gärna en bild.', functionId);
    if (status === 'not_ours') step('not_ours', 'not_ours', 'Vägen sköts av Trafikverket. Felanmäl till Trafikverket.', functionId);
    if (status === 'duplicate') step('duplicate', 'duplicate', 'Samma fråga som en tidigare; den besvaras där.', functionId);
    if (status === 'closed') step('closed', 'closed', '', functionId);
    if (status === 'answered') {
      step('answered', 'answered', '', functionId);
      answer = template.answer;
      answeredAt = new Date(t);
    }
    // About one in thirty concerns a person's own circumstances: marked confidential.
    const secret: SecretField[] = r.next() < 0.035 ? ['subject', 'body', 'answer'] : [];
    if (secret.length) step('secrecy', null, '26 kap. 1 § offentlighets- och sekretesslagen', functionId);
    const date = localParts(receivedAt, g.timeZone).date;
    return {
      id: r.uuid(),
      categoryId: category.id,
      registeredFunctionId: category.functionId,
      functionId,
      functionCode: fnCode.get(category.functionId) ?? 'X',
      localityId: locality.id,
      subject: fill(template.subject),
      body: fill(template.body),
      address: r.next() < 0.6 ? `${street} ${1 + r.int(60)}, ${locality.name}` : '',
      askerId: council || anonymous ? null : r.pick(g.askers),
      onBehalf: anonymous ? { name: '', contact: '', channel: r.pick(['phone', 'letter', 'visit'] as const) } : null,
      councilId: council?.id ?? null,
      showName: !council && !anonymous && r.next() < 0.2,
      receivedAt,
      dueDate: addWorkingDays(date, category.dueDays) ?? addDays(date, 14),
      status,
      handlerId: ['received', 'triaged', 'forwarded'].includes(status) || functionId !== category.functionId ? null : handler,
      answer,
      answeredAt,
      secretFields: secret,
      secrecyGround: secret.length ? '26 kap. 1 § offentlighets- och sekretesslagen' : '',
      events,
    };
  });
}
