import type { FastifyRequest } from 'fastify';
import { authorize, NotFoundError } from '../../../platform/authz/index.js';
import type { Db } from '../../../platform/db/index.js';
import { getMeetingBySlug, type MeetingAccess } from './access.js';
import { meetingPolicy } from './policy.js';

/** The meeting named in the address, if the actor may see it; 404 otherwise, exactly as if it did not exist. */
export async function loadMeeting(db: Db, req: FastifyRequest<{ Params: { slug: string } }>): Promise<MeetingAccess> {
  // The slug is checked by the route parameter schema (platform/http/validation.ts).
  const found = await getMeetingBySlug(db, req.actor, req.params.slug);
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
