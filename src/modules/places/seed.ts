import { visitor } from '../../platform/authz/index.js';
import type { ModuleSeed, SeedContext } from '../../platform/module.js';
import { unwrap } from '../../platform/result.js';
import { saveMeetingPlace } from './commands.js';
import { meetingPlaces } from './schema.js';

/** More meeting places (`plats-{i}`). */
export const placesSeed: ModuleSeed = {
  after: ['tenancy'],
  run: (ctx, data) => seedPlaces(ctx, data as PlacesSeedData),
  async grow({ db, tenantId }, n, offset) {
    const range = Array.from({ length: n }, (_, k) => k + offset);
    await db.insert(meetingPlaces).values(range.map((i) => ({ tenantId, slug: `plats-${i}`, name: `Plats ${i}`, address: `Vägen ${i}` })));
  },
};

/** Places' part of a data set: meeting places with their accessibility (locality and area by name). */
export interface PlacesSeedData {
  places: {
    name: string;
    address: string;
    locality: string;
    area?: string;
    stepFree: boolean;
    accessibleToilet: boolean;
    hearingLoop: boolean;
    transitNearby?: boolean;
  }[];
}

declare module '../../platform/module.js' {
  interface SeedData {
    places: PlacesSeedData;
  }
}

/** Writes the meeting places through the command; names them in refs as `meetingPlace`. */
export async function seedPlaces({ db, tenantId, refs }: SeedContext, data: PlacesSeedData): Promise<void> {
  for (const p of data.places) {
    const saved = unwrap(
      await saveMeetingPlace(db, visitor(tenantId), {
        name: p.name,
        slug: '',
        address: p.address,
        localityId: refs.get('locality', p.locality),
        areaId: p.area ? refs.get('area', p.area) : null,
        description: '',
        openingHours: '',
        stepFree: p.stepFree,
        accessibleToilet: p.accessibleToilet,
        hearingLoop: p.hearingLoop,
        transitNearby: p.transitNearby ?? true,
        accessibilityNotes: '',
      }),
    );
    refs.set('meetingPlace', p.name, saved.id);
  }
}
