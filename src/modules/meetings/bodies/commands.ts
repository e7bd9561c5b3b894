import { z } from 'zod';
import type { Actor } from '../../../platform/authz/index.js';
import { saveCatalogueRow, slugField } from '../../../platform/catalogue/store.js';
import type { Db } from '../../../platform/db/index.js';
import { optionalText } from '../../../platform/http/fields.js';
import { meetingBodies } from '../core/schema.js';

export const BodyInput = z.object({
  name: z.string().trim().min(1).max(160),
  slug: slugField,
  description: optionalText(3000),
});
export type BodyInput = z.infer<typeof BodyInput>;

/** Creates or updates a municipal body of the political calendar. */
export function saveBody(db: Db, actor: Actor, input: BodyInput, existing?: { id: string; updatedAt: Date }) {
  return saveCatalogueRow(db, actor, meetingBodies, 'meetingBody', input, existing);
}
