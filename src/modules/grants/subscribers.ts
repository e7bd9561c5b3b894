import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import type { Subscriptions } from '../../platform/module.js';
import { notifyPeople } from '../../platform/notifications/index.js';
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
  what: 'submitted' | 'infoGiven' | 'infoRequested',
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
  'grants.infoRequested': {
    run: 'job',
    handle: async (event, { db }) => tell(db, event, 'infoRequested', await listRepresentatives(db, event.payload.organisationId)),
  },
};
