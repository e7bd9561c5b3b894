import { and, eq } from 'drizzle-orm';
import { insertInBatches } from '../../platform/db/batch.js';
import type { Db } from '../../platform/db/index.js';
import type { ModuleSeed } from '../../platform/module.js';
import { councilMembers, councils } from './schema.js';

/** A member of a council as seed data: an organisation, a person, or a person for an organisation. */
export interface SeedCouncilMember {
  id?: string;
  councilId: string;
  organisationId?: string | null;
  userId?: string | null;
  role?: 'chair' | 'secretary' | 'member';
  createdAt?: Date;
}

/** Writes council members in bulk; one already there is kept. */
export async function seedCouncilMembers(db: Db, tenantId: string, rows: SeedCouncilMember[], progress?: (done: number) => void): Promise<void> {
  await insertInBatches(
    db,
    councilMembers,
    rows.map((m) => ({ ...m, tenantId, role: m.role ?? 'member', updatedAt: m.createdAt })),
    { ignoreDuplicates: true, progress },
  );
}

/** The municipality's councils and networks with where they are, for seed data that spreads rows over them. */
export function listCouncilsForSeed(db: Db, tenantId: string) {
  return db
    .select({ id: councils.id, slug: councils.slug, isPublic: councils.isPublic, localityId: councils.localityId, areaId: councils.areaId })
    .from(councils)
    .where(eq(councils.tenantId, tenantId))
    .orderBy(councils.slug);
}

/** More area networks (`natverk-{i}`) run by the focus organisation; the grown people and organisations as members of the focus council. */
export const councilsSeed: ModuleSeed = {
  after: ['organisations', 'accounts'],
  async grow({ db, tenantId, refs, focus }, n, offset) {
    const range = Array.from({ length: n }, (_, k) => k + offset);
    const [council] = await db
      .select({ id: councils.id })
      .from(councils)
      .where(and(eq(councils.tenantId, tenantId), eq(councils.slug, focus?.council ?? '')));
    const runBy = focus?.organisation ? refs.get('organisation', 'focus') : null;
    if (council) {
      refs.set('council', 'focus', council.id);
      await seedCouncilMembers(db, tenantId, [
        ...range.map((i) => ({ councilId: council.id, userId: refs.get('user', `person${i}`) })),
        ...range.map((i) => ({ councilId: council.id, organisationId: refs.get('organisation', `forening-${i}`) })),
      ]);
    }
    await db
      .insert(councils)
      .values(range.map((i) => ({ tenantId, slug: `natverk-${i}`, name: `Nätverk ${i}`, kind: 'area_network' as const, organisationId: runBy })));
  },
};
