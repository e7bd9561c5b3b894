import type { Db } from '../../platform/db/index.js';
import type { Annotation, AppServices, Section, SectionSlot } from '../../platform/module.js';
import { listCalendar, listCouncilMeetings, listOpenActionItems, nextMeetingPerCouncil } from './queries.js';
import { MeetingList } from './views/calendar.js';
import { formatWhen } from './views/format.js';
import { ActionList } from './views/meeting.js';

const ON_COUNCIL_PAGE = 5;
/** The most urgent open action items on a council's page; the rest are on its own list. */
const ACTIONS_ON_COUNCIL_PAGE = 10;

const councilSection = (db: Db): Section<'council'> => ({
  slot: 'council',
  async load(req, council) {
    const [{ upcoming, past }, actions] = await Promise.all([
      listCouncilMeetings(db, req.actor, council.id, { includeDrafts: council.canManage, limit: ON_COUNCIL_PAGE }),
      listOpenActionItems(db, req.actor, council.id, { limit: ACTIONS_ON_COUNCIL_PAGE, withTotal: true }),
    ]);
    return (ctx) => {
      const { t } = ctx;
      return (
        <>
          {council.canManage ? (
            <p>
              <a class="button" href={`/moten/ny?ortsrad=${council.slug}`}>
                {t('meetings.manage.new')}
              </a>
            </p>
          ) : null}
          <h2>{t('meetings.council.upcoming')}</h2>
          {upcoming.length ? <MeetingList ctx={ctx} items={upcoming} showOrganiser={false} /> : <p>{t('meetings.council.noUpcoming')}</p>}
          <h2>{t('meetings.council.actions')}</h2>
          {actions.rows.length ? <ActionList ctx={ctx} items={actions.rows} /> : <p>{t('meetings.council.noActions')}</p>}
          {actions.next ? (
            <p>
              <a href={`/ortsrad/${council.slug}/atgarder`}>{t('meetings.council.allActions', { count: actions.total ?? 0 })}</a>
            </p>
          ) : null}
          <h2>{t('meetings.council.past')}</h2>
          {past.length ? (
            <MeetingList
              ctx={ctx}
              items={past}
              showOrganiser={false}
              extra={(i) =>
                (i as (typeof past)[number]).minutesVersion ? (
                  <p>
                    <a href={`/moten/${i.meeting.slug}/protokoll`}>{t('meetings.council.minutes')}</a>
                  </p>
                ) : null
              }
            />
          ) : (
            <p>{t('meetings.council.noPast')}</p>
          )}
          <ul class="link-list">
            <li>
              <a href={`/kalender?ortsrad=${council.slug}&fran=2000-01-01`}>{t('meetings.council.all')}</a>
            </li>
            {council.isPublic ? (
              <li>
                <a href={`/ortsrad/${council.slug}/kalender.ics`}>{t('meetings.meeting.feed')}</a>
              </li>
            ) : null}
          </ul>
        </>
      );
    };
  },
});

const organisationSection: Section<'organisation'> = {
  slot: 'organisation',
  async load(_req, org) {
    return (ctx) => (
      <>
        <h2>{ctx.t('meetings.organisation.title')}</h2>
        <p>{ctx.t('meetings.organisation.intro', { name: org.name })}</p>
        <p>
          <a href={`/organisationer/${org.slug}/kalender.ics`}>{ctx.t('meetings.organisation.feed')}</a>
        </p>
      </>
    );
  },
};

const placeSection = (db: Db): Section<'meetingPlace'> => ({
  slot: 'meetingPlace',
  async load(req, place) {
    const page = await listCalendar(db, req.actor, { meetingPlaceId: place.id, from: new Date() });
    const items = page.rows.slice(0, 10);
    return (ctx) => (
      <>
        <h2>{ctx.t('meetings.place.title')}</h2>
        {items.length ? <MeetingList ctx={ctx} items={items} /> : <p>{ctx.t('meetings.place.none')}</p>}
      </>
    );
  },
});

/** What the meetings module adds to other modules' pages. */
export const meetingSections = ({ db }: AppServices) => [councilSection(db), organisationSection, placeSection(db)] as Section<SectionSlot>[];

/** The next meeting on each card of the list of councils. */
export const nextMeetingNotes = ({ db }: AppServices): Annotation[] => [
  {
    slot: 'councils',
    async load(req, ids) {
      const next = await nextMeetingPerCouncil(db, req.actor, ids);
      return new Map(
        [...next].map(([councilId, m]) => [
          councilId,
          (ctx) => (
            <p>
              <a href={`/moten/${m.slug}`}>{ctx.t('meetings.council.next', { when: formatWhen(ctx.lang, m.startsAt, m.endsAt, ctx.timeZone) })}</a>
            </p>
          ),
        ]),
      );
    },
  },
];
