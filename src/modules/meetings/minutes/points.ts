import type { Actor } from '../../../platform/authz/index.js';
import { can } from '../../../platform/authz/index.js';
import type { Db } from '../../../platform/db/index.js';
import { getMeetingById } from '../core/access.js';
import { organiserName } from '../core/format.js';
import { meetingPolicy } from '../core/policy.js';
import { listMinutesVersions } from './queries.js';

/** A point of a meeting's minutes, for another module to take up (a question raised at the meeting). */
export interface MinutesPoint {
  meetingId: string;
  meetingSlug: string;
  councilId: string | null;
  organiser: string;
  startsAt: Date;
  /** The point's place in the minutes, from 0 (shown as § index + 1). */
  index: number;
  title: string;
  /** What the minutes say under it: the discussion, then the decisions. */
  text: string;
}

/**
 * A point of the newest version of a meeting's minutes, for someone who runs the meeting (its
 * council's chair or secretary); null for anyone else, or a point that does not exist.
 */
export async function minutesPoint(db: Db, actor: Actor, meetingId: string, index: number): Promise<MinutesPoint | null> {
  const access = await getMeetingById(db, actor.tenantId, meetingId, actor.user?.id ?? null);
  if (!access || !can(meetingPolicy, actor, 'manage', access)) return null;
  const [newest] = await listMinutesVersions(db, access.meeting.id);
  const item = newest?.items[index];
  if (!item) return null;
  return {
    meetingId: access.meeting.id,
    meetingSlug: access.meeting.slug,
    councilId: access.council?.id ?? null,
    organiser: organiserName(access),
    startsAt: access.meeting.startsAt,
    index,
    title: item.title,
    text: [item.discussion, item.decisions].filter(Boolean).join('\n\n'),
  };
}
