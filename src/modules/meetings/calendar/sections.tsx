import type { Db } from '../../../platform/db/index.js';
import type { Annotation, AppServices, Section, SectionSlot } from '../../../platform/module.js';
import { formatWhen } from '../core/format.js';
import { actionItemsSection } from '../minutes/sections.js';
import { councilCalendarPath, councilFeedPath, meetingPath, meetingSubPath, newMeetingPath, organisationFeedPath } from '../paths.js';
import { listCalendar, listCouncilMeetings, nextMeetingPerCouncil } from './queries.js';
import { MeetingList } from './views.js';

const ON_COUNCIL_PAGE = 5;

/** A council's coming and latest meetings, on its page: one statement. */
const councilSection = (db: Db): Section<'council'> => ({
  slot: 'council',
  name: 'meetings',
  order: 10,
  async load(req, council) {
    const { upcoming, past } = await listCouncilMeetings(db, req.actor, council.id, { includeDrafts: council.canManage, limit: ON_COUNCIL_PAGE });
    return (ctx) => {
      const { t } = ctx;
      return (
        <>
          {council.canManage ? (
            <p>
              <a class="button" href={newMeetingPath(council)}>
                {t('meetings.manage.new')}
              </a>
            </p>
          ) : null}
          <h2>{t('meetings.council.upcoming')}</h2>
          {upcoming.length ? <MeetingList ctx={ctx} items={upcoming} showOrganiser={false} /> : <p>{t('meetings.council.noUpcoming')}</p>}
          <h2>{t('meetings.council.past')}</h2>
          {past.length ? (
            <MeetingList
              ctx={ctx}
              items={past}
              showOrganiser={false}
              extra={(i) =>
                (i as (typeof past)[number]).minutesVersion ? (
                  <p>
                    <a href={meetingSubPath(i.meeting, 'protokoll')}>{t('meetings.council.minutes')}</a>
                  </p>
                ) : null
              }
            />
          ) : (
            <p>{t('meetings.council.noPast')}</p>
          )}
          <ul class="link-list">
            <li>
              <a href={councilCalendarPath(council)}>{t('meetings.council.all')}</a>
            </li>
            {council.isPublic ? (
              <li>
                <a href={councilFeedPath(council)}>{t('meetings.meeting.feed')}</a>
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
          <a href={organisationFeedPath(org)}>{ctx.t('meetings.organisation.feed')}</a>
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
export const meetingSections = ({ db }: AppServices) =>
  [councilSection(db), actionItemsSection(db), organisationSection, placeSection(db)] as Section<SectionSlot>[];

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
              <a href={meetingPath(m)}>{ctx.t('meetings.council.next', { when: formatWhen(ctx.lang, m.startsAt, m.endsAt, ctx.timeZone) })}</a>
            </p>
          ),
        ]),
      );
    },
  },
];
