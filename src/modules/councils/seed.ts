import { and, eq } from 'drizzle-orm';
import { visitor } from '../../platform/authz/index.js';
import { insertInBatches } from '../../platform/db/batch.js';
import type { Db } from '../../platform/db/index.js';
import type { ModuleSeed, SeedContext } from '../../platform/module.js';
import { follow } from '../../platform/notifications/index.js';
import { unwrap } from '../../platform/result.js';
import { grantRole } from '../accounts/index.js';
import { saveCouncil, seedCouncilMember } from './commands.js';
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
    .select({
      id: councils.id,
      slug: councils.slug,
      name: councils.name,
      isPublic: councils.isPublic,
      localityId: councils.localityId,
      areaId: councils.areaId,
      organisationId: councils.organisationId,
    })
    .from(councils)
    .where(eq(councils.tenantId, tenantId))
    .orderBy(councils.slug);
}

/** More area networks (`natverk-{i}`) run by the focus organisation; the grown people and organisations as members of the focus council. */
export const councilsSeed: ModuleSeed = {
  after: ['tenancy', 'organisations', 'accounts'],
  run: (ctx, data) => seedCouncils(ctx, data as CouncilsSeedData),
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

/** Councils' part of a data set: councils and networks (each under a key), their members, and the contact persons' councils. */
export interface CouncilsSeedData {
  councils: {
    key: string;
    name: string;
    slug?: string;
    kind: 'local_council' | 'area_network' | 'contact_network';
    locality?: string;
    area?: string;
    runBy?: string;
    description: string;
    howToJoin?: string;
    isPublic?: boolean;
    active?: boolean;
  }[];
  members: { council: string; organisation?: string; email?: string; role?: 'chair' | 'secretary' | 'member' }[];
  contactPersons: { email: string; councils: string[] }[];
  /** People who follow a council (by e-mail and council key). */
  followers?: { email: string; council: string }[];
}

declare module '../../platform/module.js' {
  interface SeedData {
    councils: CouncilsSeedData;
  }
}

/** Writes councils through the command (named in refs as `council`, their addresses as `councilSlug`), members and contact persons. */
export async function seedCouncils({ db, tenantId, refs }: SeedContext, data: CouncilsSeedData): Promise<void> {
  for (const c of data.councils) {
    const saved = unwrap(
      await saveCouncil(db, visitor(tenantId), {
        name: c.name,
        slug: c.slug ?? '',
        kind: c.kind,
        localityId: c.locality ? refs.get('locality', c.locality) : null,
        areaId: c.area ? refs.get('area', c.area) : null,
        organisation: c.runBy ?? '',
        description: c.description,
        howToJoin: c.howToJoin ?? '',
        isPublic: c.isPublic ?? true,
        active: c.active ?? true,
      }),
    );
    refs.set('council', c.key, saved.id);
    refs.set('councilSlug', c.key, saved.slug);
  }
  for (const m of data.members) {
    await seedCouncilMember(db, tenantId, refs.get('council', m.council), {
      organisationId: m.organisation ? refs.get('organisation', m.organisation) : undefined,
      userId: m.email ? refs.get('user', m.email) : undefined,
      role: m.role,
    });
  }
  for (const f of data.followers ?? []) {
    await follow(db, { tenantId, userId: refs.get('user', f.email) }, 'council', refs.get('council', f.council));
  }
  for (const p of data.contactPersons) {
    for (const c of p.councils) await grantRole(db, tenantId, refs.get('user', p.email), 'contact_person', { type: 'council', id: refs.get('council', c) });
  }
}
