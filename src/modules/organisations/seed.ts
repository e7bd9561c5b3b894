import { and, eq } from 'drizzle-orm';
import { visitor } from '../../platform/authz/index.js';
import { insertInBatches } from '../../platform/db/batch.js';
import type { Db } from '../../platform/db/index.js';
import type { ModuleSeed, SeedContext } from '../../platform/module.js';
import { unwrap } from '../../platform/result.js';
import { addMember, createOrganisation } from './commands.js';
import { type OrganisationKind, organisationMembers, organisations } from './schema.js';

/** An organisation as seed data describes it (demo data, tests, scale data); the forms go through the commands. */
export interface SeedOrganisation {
  id?: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  description?: string;
  localityId?: string | null;
  areaId?: string | null;
  createdAt?: Date;
}

/** A person's membership of an organisation, as seed data. */
export interface SeedOrganisationMember {
  id?: string;
  organisationId: string;
  userId: string;
  role: 'representative' | 'member';
  createdAt?: Date;
}

/** Writes organisations in bulk. */
export async function seedOrganisations(db: Db, tenantId: string, rows: SeedOrganisation[], progress?: (done: number) => void): Promise<void> {
  await insertInBatches(
    db,
    organisations,
    rows.map((o) => ({ ...o, tenantId, description: o.description ?? '', updatedAt: o.createdAt })),
    { size: 500, progress },
  );
}

/** Writes memberships in bulk; one already there is kept. */
export async function seedOrganisationMembers(db: Db, tenantId: string, rows: SeedOrganisationMember[], progress?: (done: number) => void): Promise<void> {
  await insertInBatches(
    db,
    organisationMembers,
    rows.map((m) => ({ ...m, tenantId, updatedAt: m.createdAt })),
    { ignoreDuplicates: true, progress },
  );
}

/** More associations (`forening-{i}`) in the focus locality, and the grown people as members of the focus organisation. */
export const organisationsSeed: ModuleSeed = {
  after: ['tenancy', 'accounts'],
  run: (ctx, data) => seedRegister(ctx, data as OrganisationsSeedData),
  async grow({ db, tenantId, refs, focus }, n, offset) {
    const range = Array.from({ length: n }, (_, k) => k + offset);
    const [org] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.tenantId, tenantId), eq(organisations.slug, focus?.organisation ?? '')));
    const locality = focus?.locality ? refs.get('locality', 'focus') : null;
    const made = range.map((i) => ({
      id: crypto.randomUUID(),
      slug: `forening-${i}`,
      name: `Förening ${i}`,
      kind: 'association' as const,
      description: 'idrott',
      localityId: locality,
    }));
    await seedOrganisations(db, tenantId, made);
    for (const o of made) refs.set('organisation', o.slug, o.id);
    if (org) {
      refs.set('organisation', 'focus', org.id);
      const people = range.map((i) => refs.get('user', `person${i}`));
      await seedOrganisationMembers(
        db,
        tenantId,
        people.map((userId) => ({ organisationId: org.id, userId, role: 'member' })),
      );
    }
  },
};

/** Organisations' part of a data set: the register (places by name) and people's memberships (by e-mail). */
export interface OrganisationsSeedData {
  organisations: {
    name: string;
    kind: OrganisationKind;
    locality?: string;
    area?: string;
    description: string;
    orgNumber?: string;
    memberCount?: number;
    membersCountedOn?: string;
    annualMeetingOn?: string;
  }[];
  members: { organisation: string; email: string; role: 'representative' | 'member' }[];
}

declare module '../../platform/module.js' {
  interface SeedData {
    organisations: OrganisationsSeedData;
  }
}

/** Writes the organisations through the command (named in refs as `organisation` by name) and their members. */
export async function seedRegister({ db, tenantId, refs }: SeedContext, data: OrganisationsSeedData): Promise<void> {
  const system = visitor(tenantId);
  for (const o of data.organisations) {
    const made = unwrap(
      await createOrganisation(db, system, {
        name: o.name,
        kind: o.kind,
        orgNumber: o.orgNumber ?? '',
        description: o.description,
        email: '',
        phone: '',
        website: '',
        localityId: o.locality ? refs.get('locality', o.locality) : null,
        areaId: o.area ? refs.get('area', o.area) : null,
        memberCount: o.memberCount ?? null,
        membersCountedOn: o.membersCountedOn ?? null,
        annualMeetingOn: o.annualMeetingOn ?? null,
      }),
    );
    refs.set('organisation', o.name, made.id);
  }
  for (const m of data.members) await addMember(db, tenantId, refs.get('organisation', m.organisation), refs.get('user', m.email), m.role);
}
