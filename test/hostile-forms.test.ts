import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/platform/db/index.js';
import { unsubscribeToken } from '../src/platform/notifications/mail.js';
import { type Client, createTestApp } from './helpers/app.js';
import { borasId, demoMeeting, postFile, userId } from './helpers/meetings.js';

/** Values a hostile or careless client sends: NUL bytes, impossible dates, huge numbers, long text. */
const HOSTILE = ['\u0000', 'x\u0000y', '2026-13-45', '0000-01-01', 'a'.repeat(5000), '99999999999999999999', '-1', '<script>alert(1)</script>', ''];

/** Every field name a form of the service takes, so each form gets its own fields wrong at once. */
const FIELDS = [
  'lead',
  'request',
  'reply',
  'formVersion',
  'label_0',
  'kind_0',
  'options_0',
  'position_0',
  'key_0',
  'summary',
  'amount',
  'a_q1',
  'a_q4_item_0',
  'a_q4_amount_0',
  'intent',
  'coApplicant',
  'paidOn',
  'reportText',
  'reportSpent',
  'decision',
  'score_0',
  'outcome',
  'recommendation',
  'meetingId',
  'conditions',
  'reasoning',
  'memberCount',
  'annualMeetingOn',
  'issuer',
  'clientId',
  'clientSecret',
  'label',
  'staffLevel',
  'body',
  'subject',
  'councilId',
  'onBehalf',
  'behalfName',
  'behalfContact',
  'behalfChannel',
  'answer',
  'functionId',
  'categoryId',
  'showName',
  'publishDate',
  'publishTime',
  'imageAlt',
  'removeImage',
  'meetings.followed',
  'meetings.actionItem',
  'news.followed',
  'List-Unsubscribe',
  'action_0_0_description',
  'action_0_0_ownerId',
  'name',
  'title',
  'description',
  'reason',
  'note',
  'status',
  'email',
  'role',
  'scope',
  'version',
  'date',
  'startTime',
  'endTime',
  'capacity',
  'minutes',
  'presenter',
  'direction',
  'done',
  'returnNote',
  'token',
  'password',
  'passwordConfirm',
  'kind',
  'localityId',
  'slug',
  'orgNumber',
  'website',
  'userIds',
  'organisationIds',
  'guests',
  'preamble',
  'placeKind',
  'address',
  'onlineUrl',
  'meetingPlaceId',
  'visibility',
  'population',
  'covers',
  'code',
  'organisationId',
  'lang',
  'bodyId',
  'councilId',
  'areaId',
  'back',
  'message',
  'page',
  'disabled',
  'isPublic',
  'registrationOpen',
  'accessibility',
  'id',
  'action',
  'startYear',
  'endYear',
  'vision',
  'responsibleKind',
  'costEstimate',
  'fundingSource',
  'targetDate',
  'day',
  'percent',
  'photoAlt',
  'answerStatus',
  'year',
  'reviewedOn',
  'meetingId',
  'adoptedOn',
  'target',
  'link',
  'area',
  'move',
  'revision',
  'startsOn',
  'endsOn',
  'yearlyAmount',
  'schedule',
  'reportDue',
  'openMeetings',
  'minutesPublished',
  'planUpdated',
  'otherObligations',
  'notes',
  'narrative',
  'submit',
  'decision',
  'payment',
  'paidOn',
  'summary',
  'whenToApply',
  'minAmount',
  'maxAmount',
  'fastTrackLimit',
  'registeredAssociation',
  'minMembers',
  'ageMin',
  'ageMax',
  'otherRules',
  'criteria',
  'active',
  'opensOn',
  'opensTime',
  'closesOn',
  'closesTime',
  'budget',
  'confirm',
  'accounts.unverified',
  'platform.auditLog',
  'questions.askers',
];

test('every form, sent hostile values by an administrator and a secretary with valid tokens, answers without a server error', {
  timeout: 300_000,
}, async (t) => {
  const ta = await createTestApp(t, 'pglite');
  const next = await demoMeeting(ta, 'fristad', 'next');
  const last = await demoMeeting(ta, 'fristad', 'last');
  const item = '00000000-0000-4000-8000-000000000000';
  const [plan] = rowsOf<{ area: string; action: string }>(
    await ta.database.db.execute(
      sql`select a.area_id as area, a.id as action from plan_actions a join plans p on p.id = a.plan_id where p.slug = 'fristad' limit 1`,
    ),
  );
  const action = `/planer/fristad/atgarder/${plan?.action}`;
  const [agreement] = rowsOf<{ id: string }>(
    await ta.database.db.execute(sql`select a.id from agreements a join councils c on c.id = a.council_id where c.slug = 'fristad'`),
  );
  const report = `/overenskommelser/${agreement?.id}/rapporter/${new Date().getFullYear()}`;
  const [application] = rowsOf<{ id: string }>(await ta.database.db.execute(sql`select id from grant_applications where title = 'Fotboll för alla'`));
  const urls = [
    `/moten/${next}/dagordning`,
    `/moten/${next}/dagordning/${item}`,
    `/moten/${next}/dagordning/${item}/flytta`,
    `/moten/${next}/redigera`,
    `/moten/${next}/narvaro`,
    `/moten/${next}/anmalan`,
    `/moten/${next}/stall-in`,
    `/moten/${next}/bjud-in`,
    `/moten/${last}/narvaro`,
    `/moten/${last}/protokoll`,
    `/moten/${last}/protokoll/redigera`,
    `/moten/${last}/protokoll/aterlamna`,
    `/moten/${last}/atgarder/${item}`,
    '/moten/ny?ortsrad=fristad',
    '/ortsrad/fristad/medlemmar',
    '/organisationer/framtid-fristad/redigera',
    '/organisationer/framtid-fristad/medlemmar',
    '/inbjudan',
    '/profil',
    '/admin/e-legitimation',
    '/profil/samtycken',
    '/profil/avsluta',
    '/admin/gallring',
    '/logga-in/oidc/nytt-konto',
    '/tillganglighet',
    '/aterstall-losenord',
    '/glomt-losenord',
    '/verifiera/skicka-igen',
    '/registrera',
    '/admin/orter/ny',
    '/admin/omraden/ny',
    '/admin/funktioner/ny',
    '/admin/motesplatser/ny',
    '/admin/organ/ny',
    '/admin/ortsrad/ny',
    '/admin/organisationer/ny',
    '/bevakningar',
    '/notiser/las-alla',
    '/profil/epost',
    '/fragor/ny',
    `/fragor/${new Date().getFullYear()}-tf0002/handlagg`,
    `/fragor/${new Date().getFullYear()}-tf0002/sekretess`,
    `/fragor/${new Date().getFullYear()}-tf0002/fraga`,
    '/admin/fragor/nummer',
    '/admin/fragor/nycklar',
    '/admin/fragor/kategorier/ny',
    '/planer/ny',
    '/planer/fristad/redigera',
    '/planer/fristad/redigera/omraden',
    `/planer/fristad/redigera/omraden/${plan?.area}`,
    '/planer/fristad/redigera/atgarder',
    '/planer/fristad/redigera/flytta',
    '/planer/fristad/redigera/anta',
    '/planer/fristad/uppfoljning',
    `${action}/redigera`,
    `${action}/svar`,
    `${action}/lankar`,
    `${action}/lankar/ta-bort`,
    '/admin/overenskommelser/ny',
    `/admin/overenskommelser/${agreement?.id}`,
    `/overenskommelser/${agreement?.id}/betalningar`,
    report,
    `${report}/beslut`,
    '/admin/bidrag/ny',
    '/admin/bidrag/medel-for-lokal-utveckling',
    '/admin/bidrag/medel-for-lokal-utveckling/utlysningar/ny',
    '/admin/bidrag/medel-for-lokal-utveckling/formular',
    '/bidrag/aktiverings-och-inkluderingsbidrag/utlysningar/aktiverings-och-inkluderingsbidrag-lopande',
    `/bidrag/ansokningar/${application?.id}/begar-komplettering`,
    `/bidrag/ansokningar/${application?.id}/komplettering`,
    `/bidrag/ansokningar/${application?.id}/aterkalla`,
    `/bidrag/ansokningar/${application?.id}/bedomning`,
    `/bidrag/ansokningar/${application?.id}/rekommendation`,
    `/bidrag/ansokningar/${application?.id}/beslut`,
    `/bidrag/ansokningar/${application?.id}/medsokande`,
    `/bidrag/ansokningar/${application?.id}/medsokande/ta-bort`,
    `/bidrag/ansokningar/${application?.id}/utbetalningar`,
    `/bidrag/ansokningar/${application?.id}/redovisning`,
    `/bidrag/ansokningar/${application?.id}/redovisning/beslut`,
    `/avregistrera/${unsubscribeToken(ta.services.config.sessionSecret, await borasId(ta), await userId(ta, 'admin@boras.example'), 'digest.daily')}`,
  ];
  const people: Client[] = [await ta.client().signIn('admin@boras.example'), await ta.client().signIn('sekreterare@boras.example')];
  const tokens = new Map<Client, string>();
  for (const c of people) tokens.set(c, /name="_csrf" value="([^"]+)"/.exec((await c.get('/profil')).body)?.[1] as string);
  const problems: string[] = [];
  const answered: Record<number, number> = {};
  for (const url of urls) {
    for (const value of HOSTILE) {
      for (const c of people) {
        const form: Record<string, string> = Object.fromEntries(FIELDS.map((f) => [f, value]));
        form._csrf = tokens.get(c) as string;
        const res = await c.post(url, form, { csrf: false });
        answered[res.statusCode] = (answered[res.statusCode] ?? 0) + 1;
        if (res.statusCode >= 500) problems.push(`${url} ${JSON.stringify(value).slice(0, 24)} -> ${res.statusCode}`);
      }
    }
  }
  // The forms that take a file get the same values as a browser sends them, in a multipart body.
  for (const url of ['/nyheter/ny?fran=fristad', '/nyheter/ny', '/nyheter/fristad-ny-lekplats', '/fragor/ny', `${action}/uppdateringar`]) {
    for (const value of HOSTILE) {
      for (const c of people) {
        const fields = Object.fromEntries(FIELDS.filter((f) => f !== 'version').map((f) => [f, value]));
        const res = await postFile(ta, c, url, '/profil', fields, { name: value.slice(0, 40) || 'x.png', type: 'image/png', data: Buffer.from(value) });
        answered[res.statusCode] = (answered[res.statusCode] ?? 0) + 1;
        if (res.statusCode >= 500) problems.push(`${url} (multipart) ${JSON.stringify(value).slice(0, 24)} -> ${res.statusCode}`);
      }
    }
  }
  assert.deepEqual(problems, []);
  // The values reached the forms' own checks, not just the CSRF check.
  assert.ok((answered[422] ?? 0) > 100, JSON.stringify(answered));
});
