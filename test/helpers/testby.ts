import { createVerifiedUser, grantRole } from '../../src/modules/accounts/index.js';
import { addMember, createOrganisation } from '../../src/modules/organisations/index.js';
import { saveArea, saveFunction, saveLocality } from '../../src/modules/tenancy/index.js';
import type { Actor } from '../../src/platform/authz/index.js';
import type { Db } from '../../src/platform/db/index.js';
import { unwrap } from '../../src/platform/result.js';
import { createTenant } from '../../src/platform/tenants/index.js';

export const TESTBY_HOST = 'testby.localhost';
export const TEST_PASSWORD = 'motesplats-demo';

/** A second, small municipality that must never see Borås, nor be seen by it. */
export async function seedTestby(db: Db): Promise<void> {
  const tenant = await createTenant(db, { slug: 'testby', name: 'Testby', hosts: [TESTBY_HOST], contactEmail: 'kontakt@testby.example' });
  const system: Actor = { tenantId: tenant.id, user: null, roles: [] };
  const loc = unwrap(
    await saveLocality(db, system, {
      name: 'Testby centrum',
      slug: '',
      kind: 'town',
      description: 'Hemligt Testby-innehåll',
      covers: 'Norrgården',
      population: 900,
    }),
  );
  unwrap(await saveArea(db, system, { name: 'Östra Testby', slug: '', localityId: loc.id, description: '', covers: '', active: true }));
  unwrap(await saveFunction(db, system, { name: 'Testbys tekniska kontor', slug: '', kind: 'department', code: 'TK', email: '', description: '' }));
  const org = unwrap(
    await createOrganisation(db, system, {
      name: 'Testby idrottsförening',
      kind: 'association',
      orgNumber: '',
      description: 'Fotboll i Testby',
      email: '',
      phone: '',
      website: '',
      localityId: loc.id,
      areaId: null,
    }),
  );
  const admin = await createVerifiedUser(db, tenant.id, { email: 'admin@testby.example', name: 'Tova Testbyadmin', password: TEST_PASSWORD });
  await grantRole(db, tenant.id, admin.id, 'admin');
  const resident = await createVerifiedUser(db, tenant.id, { email: 'boende@testby.example', name: 'Bo Testbybo', password: TEST_PASSWORD });
  await addMember(db, tenant.id, org.id, resident.id, 'representative');
}
