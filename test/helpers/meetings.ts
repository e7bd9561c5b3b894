import { and, asc, desc, eq, gt, lt } from 'drizzle-orm';
import { users } from '../../src/modules/accounts/schema.js';
import { councils } from '../../src/modules/councils/schema.js';
import { meetings } from '../../src/modules/meetings/core/schema.js';
import { type SeedMeeting, seedMeetings } from '../../src/modules/meetings/index.js';
import { tenants } from '../../src/platform/tenants/schema.js';
import type { Client, TestApp } from './app.js';

/** Anything that holds the test's database: a test app, or a browser test's server. */
type HasDb = Pick<TestApp, 'database'>;

/** Borås's id. */
export async function borasId(ta: HasDb): Promise<string> {
  const [t] = await ta.database.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, 'boras'));
  return t?.id as string;
}

/** A Borås person's id by e-mail. */
export async function userId(ta: HasDb, email: string): Promise<string> {
  const [u] = await ta.database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return u?.id as string;
}

/** A council's id by slug. */
export async function councilId(ta: HasDb, slug: string): Promise<string> {
  const [c] = await ta.database.db.select({ id: councils.id }).from(councils).where(eq(councils.slug, slug));
  return c?.id as string;
}

/** The slug of a demo meeting of a council: the next published one, or the latest past one. */
export async function demoMeeting(ta: HasDb, councilSlug: string, which: 'next' | 'last'): Promise<string> {
  const id = await councilId(ta, councilSlug);
  const now = new Date();
  const [m] = await ta.database.db
    .select({ slug: meetings.slug })
    .from(meetings)
    .where(and(eq(meetings.councilId, id), eq(meetings.status, 'published'), which === 'next' ? gt(meetings.startsAt, now) : lt(meetings.endsAt, now)))
    .orderBy(which === 'next' ? asc(meetings.startsAt) : desc(meetings.startsAt))
    .limit(1);
  return m?.slug as string;
}

/** Adds a meeting of a council directly (a test's starting point), returning its slug. */
export async function addMeeting(ta: HasDb, councilSlug: string, v: Partial<SeedMeeting> & { startsAt: Date; endsAt: Date }): Promise<string> {
  const tenantId = await borasId(ta);
  const seed: SeedMeeting = {
    councilId: await councilId(ta, councilSlug),
    slugBase: `${councilSlug}-test`,
    title: 'Testmöte',
    place: { kind: 'address', address: 'Testgatan 1' },
    status: 'published',
    ...v,
  };
  const out = await seedMeetings(ta.database.db, tenantId, 'Europe/Stockholm', [seed]);
  return out.get(seed)?.slug as string;
}

/** A file a test posts: its name, type and bytes, and the field it is chosen in (`file` unless given). */
export type UploadFile = { name: string; type: string; data: Buffer; field?: string };

/** Posts a multipart form with its files, as a browser would, with the CSRF token from `from`. */
export async function postFile(ta: TestApp, client: Client, url: string, from: string, fields: Record<string, string>, file: UploadFile | UploadFile[] | null) {
  const page = await client.get(from);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
  const boundary = '----motesplatsTestBoundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ ...fields, _csrf: token })) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  const list = Array.isArray(file) ? file : [file ?? { name: '', type: 'application/octet-stream', data: Buffer.alloc(0) }];
  for (const f of list) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`),
    );
    parts.push(f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return ta.app.inject({
    method: 'POST',
    url,
    headers: { host: 'localhost', cookie: client.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}
