import { type Actor, can } from '../../../platform/authz/index.js';
import type { Db } from '../../../platform/db/index.js';
import { getUserNames } from '../../accounts/index.js';
import { listOrganisationsOf } from '../../organisations/index.js';
import { listAgenda, listDocuments } from '../agenda/queries.js';
import type { AgendaItem, DocumentInfo, MeetingAccess, Registration } from '../core/access.js';
import { meetingPolicy, minutesPolicy } from '../core/policy.js';
import { listMinutesVersions, listOpenActionItems, type OpenActionItem } from '../minutes/queries.js';
import { getRegistrationSummary, listRegistrations, type MyAnswer } from '../registration/queries.js';

/** What a meeting's page shows, gathered by one loader. */
export interface MeetingPageData {
  access: MeetingAccess;
  agenda: AgendaItem[];
  documents: DocumentInfo[];
  summary: { registered: number; mine: MyAnswer | null };
  /** The organisations the person may answer for. */
  organisations: { id: string; name: string }[];
  openActions: OpenActionItem[];
  /** The published version of the minutes, if any. */
  minutesVersion: number | null;
  /** The status of unpublished minutes the person may read (those who run the meeting, the checkers). */
  workingMinutes: 'draft' | 'checking' | 'checked' | null;
  allowed: { manage: boolean; register: boolean; seeInternal: boolean };
  /** Who answered, with their names, for those who run the meeting. */
  registrations: { rows: Registration[]; names: Map<string, string> } | null;
}

/**
 * Everything a meeting's page shows, read in parallel (about five statements, a sixth for the
 * names of those who answered when the person runs the meeting): what the person may do decides
 * what is read.
 */
export async function loadMeetingPage(db: Db, actor: Actor, access: MeetingAccess): Promise<MeetingPageData> {
  const m = access.meeting;
  const allowed = {
    manage: can(meetingPolicy, actor, 'manage', access),
    register: can(meetingPolicy, actor, 'register', access),
    seeInternal: can(meetingPolicy, actor, 'seeInternal', access),
  };
  const ended = m.endsAt < new Date();
  const me = actor.user;
  const [agenda, documents, summary, openActions, versions, registrations, organisations] = await Promise.all([
    listAgenda(db, m.id),
    listDocuments(db, m.id, allowed.seeInternal),
    getRegistrationSummary(db, m.id, me?.id ?? null),
    access.council && !ended ? listOpenActionItems(db, actor, access.council.id, { before: m.startsAt }).then((r) => r.rows) : Promise.resolve([]),
    ended ? listMinutesVersions(db, m.id) : Promise.resolve([]),
    allowed.manage ? listRegistrations(db, m.id) : Promise.resolve(null),
    allowed.register && me ? listOrganisationsOf(db, actor.tenantId, me.id) : Promise.resolve([]),
  ]);
  const names = registrations
    ? await getUserNames(
        db,
        actor.tenantId,
        registrations.map((r) => r.userId),
      )
    : new Map<string, string>();
  const published = versions.find((v) => v.status === 'published' && !v.supersededAt);
  const newest = versions[0];
  return {
    access,
    agenda,
    documents,
    summary,
    organisations,
    openActions,
    minutesVersion: published?.version ?? null,
    workingMinutes: newest && newest.status !== 'published' && can(minutesPolicy, actor, 'read', { ...access, minutes: newest }) ? newest.status : null,
    allowed,
    registrations: registrations ? { rows: registrations, names } : null,
  };
}
