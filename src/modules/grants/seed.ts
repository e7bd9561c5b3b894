import type { Actor } from '../../platform/authz/index.js';
import type { ModuleSeed, SeedContext } from '../../platform/module.js';
import { unwrap } from '../../platform/result.js';
import { addCall, type CallInput, type ProgrammeInput, saveProgramme } from './commands.js';
import { getProgrammeBySlug } from './queries.js';

/** Grants' part of a data set: programmes as the form describes them, each with its calls. */
export interface GrantsSeedData {
  programmes: (Partial<ProgrammeInput> &
    Pick<ProgrammeInput, 'name' | 'kind'> & { calls: (Partial<CallInput> & Pick<CallInput, 'title' | 'opensOn' | 'budget'>)[] })[];
}

declare module '../../platform/module.js' {
  interface SeedData {
    grants: GrantsSeedData;
  }
}

/** Writes each programme and its calls through the commands officers use. */
async function seedGrants({ db, tenantId, timeZone, refs }: SeedContext, data: GrantsSeedData): Promise<void> {
  const system: Actor = { tenantId, user: null, roles: [{ role: 'admin', scopeType: 'tenant', scopeId: '' }] };
  for (const p of data.programmes) {
    const { slug } = unwrap(
      await saveProgramme(db, system, {
        summary: '',
        description: '',
        whenToApply: '',
        minAmount: null,
        maxAmount: null,
        fastTrackLimit: null,
        registeredAssociation: false,
        minMembers: null,
        ageMin: null,
        ageMax: null,
        otherRules: '',
        criteria: '',
        active: true,
        ...p,
      }),
    );
    const saved = await getProgrammeBySlug(db, tenantId, slug);
    if (!saved) throw new Error(`programme ${p.name} not written`);
    refs.set('programme', p.name, saved.id);
    for (const c of p.calls) {
      unwrap(await addCall(db, system, saved, { opensTime: '', closesOn: '', closesTime: '', description: '', ...c }, timeZone));
    }
  }
}

export const grantsSeed: ModuleSeed = {
  after: ['tenancy'],
  run: (ctx, data) => seedGrants(ctx, data as GrantsSeedData),
};
