import { and, eq } from 'drizzle-orm';
import { visitor } from '../../platform/authz/index.js';
import type { ModuleSeed, SeedContext } from '../../platform/module.js';
import { unwrap } from '../../platform/result.js';
import { saveArea, saveFunction, saveLocality } from './commands.js';
import { forgetPlaces } from './queries.js';
import { areas, functions, localities } from './schema.js';

/** More localities (`ort-{i}`), areas of the focus locality (`omrade-{i}`) and functions (`funktion-{i}`); the focus locality in refs. */
export const tenancySeed: ModuleSeed = {
  run: (ctx, data) => seedTenancy(ctx, data as TenancySeedData),
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

/** Tenancy's part of a data set: localities, areas (of a locality, by name) and municipal functions. */
export interface TenancySeedData {
  localities: { name: string; slug?: string; kind: 'town' | 'service'; description: string; covers: string; population?: number | null }[];
  areas: { name: string; locality: string; covers: string; active: boolean; description: string }[];
  functions: { name: string; kind: 'department' | 'company' | 'federation'; code?: string; description?: string }[];
}

declare module '../../platform/module.js' {
  interface SeedData {
    tenancy: TenancySeedData;
  }
}

/** Writes localities, areas and functions through the commands; names them in refs (`locality`, `area`, `function`). */
export async function seedTenancy({ db, tenantId, refs }: SeedContext, data: TenancySeedData): Promise<void> {
  const system = visitor(tenantId);
  for (const l of data.localities) {
    const saved = unwrap(
      await saveLocality(db, system, {
        name: l.name,
        slug: l.slug ?? '',
        kind: l.kind,
        description: l.description,
        covers: l.covers,
        population: l.population ?? null,
      }),
    );
    refs.set('locality', l.name, saved.id);
  }
  for (const a of data.areas) {
    const saved = unwrap(
      await saveArea(db, system, {
        name: a.name,
        slug: '',
        localityId: refs.get('locality', a.locality),
        covers: a.covers,
        active: a.active,
        description: a.description,
      }),
    );
    refs.set('area', a.name, saved.id);
  }
  for (const f of data.functions) {
    const saved = unwrap(
      await saveFunction(db, system, { name: f.name, slug: '', kind: f.kind, code: f.code ?? '', email: '', description: f.description ?? '' }),
    );
    refs.set('function', f.name, saved.id);
  }
}
