import { eq, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../platform/db/index.js';
import { defineRecurring, type RecurringTask } from '../../platform/jobs/index.js';
import type { AppServices, Subscriptions } from '../../platform/module.js';
import { notifyPeople } from '../../platform/notifications/index.js';
import { tenants } from '../../platform/tenants/schema.js';
import { addDays, today } from '../../platform/time.js';
import { listRoleHolders } from '../accounts/index.js';
import { listRepresentatives } from '../organisations/index.js';
import { applicationPath } from './paths.js';
import { grantApplications } from './schema.js';

async function titleOf(db: Db, id: string): Promise<string> {
  const [row] = await db
    .select({ reference: grantApplications.reference, title: grantApplications.title })
    .from(grantApplications)
    .where(eq(grantApplications.id, id));
  return row ? `${row.reference} ${row.title}` : '';
}

const officersOf = async (db: Db, tenantId: string, programmeId: string) =>
  (await listRoleHolders(db, tenantId, 'grant_officer', 'programme', [programmeId])).map((h) => h.userId);

/** Tells people about an application: the notice links to it and is named by its reference and title. */
async function tell(
  db: Db,
  event: { tenantId: string; at: string; actorId: string | null; payload: { applicationId: string } },
  what: 'submitted' | 'infoGiven' | 'infoRequested' | 'decided' | 'coApplicant' | 'reportSubmitted' | 'reportDecided' | 'reportDue' | 'reportOverdue',
  userIds: string[],
): Promise<void> {
  const title = await titleOf(db, event.payload.applicationId);
  await notifyPeople(db, {
    tenantId: event.tenantId,
    event: 'grants.applications',
    source: `grants.${what}:${event.payload.applicationId}:${event.at}`,
    messageKey: `grants.notify.${what}`,
    vars: { title },
    link: applicationPath({ id: event.payload.applicationId }),
    topic: title,
    at: event.at,
    userIds,
    except: event.actorId,
  });
}

/** A submitted application, and an answer to a request, are news to the programme's officers; a request for more information to the applying organisation's representatives. */
export const grantSubscriptions: Subscriptions = {
  'grants.submitted': {
    run: 'job',
    handle: async (event, { db }) => tell(db, event, 'submitted', await officersOf(db, event.tenantId, event.payload.programmeId)),
  },
  'grants.infoGiven': {
    run: 'job',
    handle: async (event, { db }) => tell(db, event, 'infoGiven', await officersOf(db, event.tenantId, event.payload.programmeId)),
  },
  'grants.decided': {
    run: 'job',
    handle: async (event, { db }) => tell(db, event, 'decided', await listRepresentatives(db, event.payload.organisationId)),
  },
  'grants.reportSubmitted': {
    run: 'job',
    handle: async (event, { db }) => tell(db, event, 'reportSubmitted', await officersOf(db, event.tenantId, event.payload.programmeId)),
  },
  'grants.reportDecided': {
    run: 'job',
    handle: async (event, { db }) => tell(db, event, 'reportDecided', await listRepresentatives(db, event.payload.organisationId)),
  },
  'grants.coApplicantAdded': {
    run: 'job',
    handle: async (event, { db }) => tell(db, event, 'coApplicant', await listRepresentatives(db, event.payload.organisationId)),
  },
  'grants.infoRequested': {
    run: 'job',
    handle: async (event, { db }) => tell(db, event, 'infoRequested', await listRepresentatives(db, event.payload.organisationId)),
  },
};

/** How many days before a follow-up report is due its organisation is reminded. */
export const REMIND_REPORT_DAYS = 14;

/**
 * Every hour, in each municipality: the representatives of an organisation whose follow-up report
 * is due within two weeks are reminded once, and once more when it is overdue. Each reminder is
 * noted on the application in the statement that claims it, so two workers tell nobody twice.
 */
export function grantReminders({ db }: AppServices): RecurringTask[] {
  return [
    defineRecurring('grants.reportReminders', 60 * 60 * 1000, async () => {
      const all = await db.select({ id: tenants.id, timeZone: tenants.timeZone }).from(tenants);
      for (const tenant of all) {
        const date = today(tenant.timeZone);
        for (const overdue of [false, true]) {
          const column = overdue ? sql.raw('report_overdue_reminded_at') : sql.raw('report_reminded_at');
          const due = rowsOf<{ id: string; organisation_id: string }>(
            await db.execute(sql`
              update grant_applications set ${column} = now()
              where tenant_id = ${tenant.id} and status = 'granted' and report_status in ('', 'returned') and ${column} is null
                and report_due_on is not null
                and ${overdue ? sql`report_due_on < ${date}::date` : sql`report_due_on between ${date}::date and ${addDays(date, REMIND_REPORT_DAYS)}::date`}
              returning id, organisation_id`),
          );
          for (const r of due) {
            await tell(
              db,
              { tenantId: tenant.id, at: new Date().toISOString(), actorId: null, payload: { applicationId: r.id } },
              overdue ? 'reportOverdue' : 'reportDue',
              await listRepresentatives(db, r.organisation_id),
            );
          }
        }
      }
    }),
  ];
}
