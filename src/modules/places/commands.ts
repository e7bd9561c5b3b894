import { z } from 'zod';
import type { Actor } from '../../platform/authz/index.js';
import { saveCatalogueRow, slugField } from '../../platform/catalogue/store.js';
import type { Db } from '../../platform/db/index.js';
import { checkbox, optionalId, optionalText } from '../../platform/http/fields.js';
import { fail } from '../../platform/result.js';
import { listPlaces } from '../tenancy/index.js';
import { meetingPlaces } from './schema.js';

export const MeetingPlaceInput = z.object({
  name: z.string().trim().min(1).max(160),
  slug: slugField,
  address: optionalText(300),
  localityId: optionalId,
  areaId: optionalId,
  description: optionalText(4000),
  openingHours: optionalText(1000),
  stepFree: checkbox,
  accessibleToilet: checkbox,
  hearingLoop: checkbox,
  transitNearby: checkbox,
  accessibilityNotes: optionalText(2000),
});
export type MeetingPlaceInput = z.infer<typeof MeetingPlaceInput>;

/** Creates or updates a meeting place; its locality and area must be the municipality's own. */
export async function saveMeetingPlace(db: Db, actor: Actor, input: MeetingPlaceInput, existing?: { id: string; updatedAt: Date }) {
  const places = await listPlaces(db, actor.tenantId);
  if (input.localityId && !places.localities.some((l) => l.id === input.localityId))
    return fail<{ id: string; slug: string }>('localityId', 'platform.errors.choice');
  if (input.areaId && !places.areas.some((a) => a.id === input.areaId)) return fail<{ id: string; slug: string }>('areaId', 'platform.errors.choice');
  return saveCatalogueRow(db, actor, meetingPlaces, 'meetingPlace', input, existing);
}
