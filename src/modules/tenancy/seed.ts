import { and, eq } from 'drizzle-orm';
import type { ModuleSeed } from '../../platform/module.js';
import { forgetPlaces } from './queries.js';
import { areas, functions, localities } from './schema.js';

/** More localities (`ort-{i}`), areas of the focus locality (`omrade-{i}`) and functions (`funktion-{i}`); the focus locality in refs. */
export const tenancySeed: ModuleSeed = {
  async grow({ db, tenantId, refs, focus }, n, offset) {
    const range = Array.from({ length: n }, (_, k) => k + offset);
    const [town] = await db
      .select({ id: localities.id })
      .from(localities)
      .where(and(eq(localities.tenantId, tenantId), eq(localities.slug, focus?.locality ?? '')));
    if (town) refs.set('locality', 'focus', town.id);
    await db.insert(localities).values(range.map((i) => ({ tenantId, slug: `ort-${i}`, name: `Ort ${i}`, kind: 'service' as const })));
    if (town) await db.insert(areas).values(range.map((i) => ({ tenantId, slug: `omrade-${i}`, name: `Område ${i}`, localityId: town.id })));
    await db.insert(functions).values(range.map((i) => ({ tenantId, slug: `funktion-${i}`, name: `Funktion ${i}`, kind: 'department' as const })));
    // Written past the commands, so the cached localities and areas are cleared here.
    forgetPlaces(tenantId);
  },
};
