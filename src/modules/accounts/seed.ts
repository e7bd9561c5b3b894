import { eq } from 'drizzle-orm';
import { insertInBatches } from '../../platform/db/batch.js';
import type { Db } from '../../platform/db/index.js';
import type { ModuleSeed, SeedContext } from '../../platform/module.js';
import { createVerifiedUser, grantRole } from './commands.js';
import { users } from './schema.js';

/** A verified account as seed data describes it (demo data, tests, scale data); the forms go through the commands. */
export interface SeedPerson {
  id?: string;
  email: string;
  name: string;
  /** A hash made once by `hashPassword` for many people (hashing is slow on purpose); none means they cannot sign in. */
  passwordHash?: string | null;
  lang?: 'sv' | 'en';
  createdAt?: Date;
}

/** Writes verified accounts in bulk. */
export async function seedPeople(db: Db, tenantId: string, people: SeedPerson[], progress?: (done: number) => void): Promise<void> {
  await insertInBatches(
    db,
    users,
    people.map((p) => ({
      id: p.id,
      tenantId,
      email: p.email,
      name: p.name,
      passwordHash: p.passwordHash ?? null,
      lang: p.lang ?? 'sv',
      emailVerifiedAt: p.createdAt ?? new Date(),
      createdAt: p.createdAt,
      updatedAt: p.createdAt,
    })),
    { progress },
  );
}

/** More people, named `person{i}@example.se`, each kept in refs as user `person{i}`; the focus person (by e-mail) as user `focus`. */
export const accountsSeed: ModuleSeed = {
  after: ['tenancy'],
  run: (ctx, data) => seedAccounts(ctx, data as AccountsSeedData),
  async grow({ db, tenantId, refs, focus }, n, offset) {
    const people = Array.from({ length: n }, (_, k) => k + offset).map((i) => ({
      id: crypto.randomUUID(),
      email: `person${i}@example.se`,
      name: `Person ${String(i).padStart(4, '0')}`,
    }));
    await seedPeople(db, tenantId, people);
    for (const [k, p] of people.entries()) refs.set('user', `person${k + offset}`, p.id);
    if (focus?.user) {
      const [me] = await db.select({ id: users.id }).from(users).where(eq(users.email, focus.user));
      if (me) refs.set('user', 'focus', me.id);
    }
  },
};

/** Accounts' part of a data set: verified people, and the municipality-wide or function-scoped roles they hold. */
export interface AccountsSeedData {
  people: { email: string; name: string; password: string }[];
  roles: { email: string; role: string; function?: string }[];
}

declare module '../../platform/module.js' {
  interface SeedData {
    accounts: AccountsSeedData;
  }
}

/** Writes the people (named in refs as `user` by e-mail) and their roles; a function scope is named by the function. */
export async function seedAccounts({ db, tenantId, refs }: SeedContext, data: AccountsSeedData): Promise<void> {
  for (const p of data.people) refs.set('user', p.email, (await createVerifiedUser(db, tenantId, p)).id);
  for (const r of data.roles) {
    await grantRole(db, tenantId, refs.get('user', r.email), r.role, r.function ? { type: 'function', id: refs.get('function', r.function) } : undefined);
  }
}
