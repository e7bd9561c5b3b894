import type { FastifyRequest } from 'fastify';
import { authorize, NotFoundError } from '../../../platform/authz/index.js';
import type { Db } from '../../../platform/db/index.js';
import { meetingPolicy } from '../policy.js';
import { getMeetingBySlug, type MeetingAccess } from '../queries.js';

/** The meeting named in the address, if the actor may see it; 404 otherwise, exactly as if it did not exist. */
export async function loadMeeting(db: Db, req: FastifyRequest<{ Params: { slug: string } }>): Promise<MeetingAccess> {
  const slug = req.params.slug;
  if (slug.length > 120) throw new NotFoundError();
  const found = await getMeetingBySlug(db, req.actor, slug);
  if (!found) throw new NotFoundError();
  authorize(meetingPolicy, req.actor, 'view', found);
  return found;
}

/** The meeting named in the address, for those who run it. */
export async function loadManagedMeeting(db: Db, req: FastifyRequest<{ Params: { slug: string } }>): Promise<MeetingAccess> {
  const found = await loadMeeting(db, req);
  authorize(meetingPolicy, req.actor, 'manage', found);
  return found;
}

/** A form's `version` field as a date, or the record's own when it is missing or malformed. */
export function versionOf(body: unknown, fallback: Date): Date {
  const raw = (body as { version?: unknown } | undefined)?.version;
  const d = new Date(typeof raw === 'string' ? raw : '');
  return Number.isNaN(d.getTime()) ? fallback : d;
}
