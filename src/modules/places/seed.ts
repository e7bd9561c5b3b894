import type { ModuleSeed } from '../../platform/module.js';
import { meetingPlaces } from './schema.js';

/** More meeting places (`plats-{i}`). */
export const placesSeed: ModuleSeed = {
  after: ['tenancy'],
  async grow({ db, tenantId }, n, offset) {
    const range = Array.from({ length: n }, (_, k) => k + offset);
    await db.insert(meetingPlaces).values(range.map((i) => ({ tenantId, slug: `plats-${i}`, name: `Plats ${i}`, address: `Vägen ${i}` })));
  },
};
