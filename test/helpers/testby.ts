import { modules } from '../../src/app.js';
import type { Db } from '../../src/platform/db/index.js';
import { type DataSet, SeedRefs, seedModules } from '../../src/platform/module.js';
import { createTenant } from '../../src/platform/tenants/index.js';

export const TESTBY_HOST = 'testby.localhost';
export const TEST_PASSWORD = 'motesplats-demo';

/** A second, small municipality's data set: the same modules' seeds as Borås, a few records each. */
const TESTBY: DataSet = {
  tenancy: {
    localities: [{ name: 'Testby centrum', kind: 'town', description: 'Hemligt Testby-innehåll', covers: 'Norrgården', population: 900 }],
    areas: [{ name: 'Östra Testby', locality: 'Testby centrum', description: '', covers: '', active: true }],
    functions: [{ name: 'Testbys tekniska kontor', kind: 'department', code: 'TK' }],
  },
  accounts: {
    people: [
      { email: 'admin@testby.example', name: 'Tova Testbyadmin', password: TEST_PASSWORD },
      { email: 'boende@testby.example', name: 'Bo Testbybo', password: TEST_PASSWORD },
    ],
    roles: [{ email: 'admin@testby.example', role: 'admin' }],
  },
  organisations: {
    organisations: [{ name: 'Testby idrottsförening', kind: 'association', locality: 'Testby centrum', description: 'Fotboll i Testby' }],
    members: [{ organisation: 'Testby idrottsförening', email: 'boende@testby.example', role: 'representative' }],
  },
};

/** A second, small municipality that must never see Borås, nor be seen by it. */
export async function seedTestby(db: Db): Promise<void> {
  const tenant = await createTenant(db, { slug: 'testby', name: 'Testby', hosts: [TESTBY_HOST], contactEmail: 'kontakt@testby.example' });
  await seedModules(modules, { db, tenantId: tenant.id, timeZone: tenant.timeZone, refs: new SeedRefs() }, TESTBY);
}
