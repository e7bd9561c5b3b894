import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/index.js';
import { emit } from '../events.js';
import { defineRecurring, type RecurringTask } from '../jobs/index.js';
import type { NoticeKind } from '../module.js';
import { tenants } from '../tenants/schema.js';
import { addDays, localParts, localToUtc } from '../time.js';
import { type Cadence, type Delivery, notificationSettings } from './schema.js';

declare module '../events.js' {
  interface DomainEvents {
    /**
     * A person changed how they get mail: `followedMail` says whether mail about what they follow
     * (digests and notices of followed councils, news, plans) is on for any kind; `via` where they
     * chose it (the mail settings, the profile, an unsubscribe link).
     */
    'platform.mailChoicesChanged': { userId: string; followedMail: boolean; via: string };
  }
}

/**
 * How notifications become mail. Each notification is taken by at most one mail: its own, queued
 * in the transaction that made it, when the person wants its kind at once (`mailed_at`); or a
 * digest, composed at 07:00 local time (`digest_id`). The unique key on digests (person, cadence,
 * local date) is what makes a digest once per person and period, across workers and restarts.
 */

export const DELIVERIES = ['immediate', 'daily', 'weekly', 'never'] as const satisfies readonly Delivery[];

/** The hour of the day digests are sent, in the tenant's time zone. */
export const DIGEST_TIME = '07:00';

/** A notice kind's delivery when the person has chosen nothing: at once for what concerns them, else daily. */
export function defaultDelivery(notice: Pick<NoticeKind, 'personal'>): Delivery {
  return notice.personal ? 'immediate' : 'daily';
}

/** SQL for a notification row `n`: how its person wants its kind mailed (their choice, else the default). */
function deliverySql(): SQL<Delivery> {
  return sql<Delivery>`coalesce(
    (select s.delivery from notification_settings s where s.tenant_id = n.tenant_id and s.user_id = n.user_id and s.kind = n.event),
    case when n.personal then 'immediate' else 'daily' end)`;
}

/**
 * Queues one mail job for each notification of an event whose person wants its kind at once, in
 * the caller's transaction and in one statement; a notification once queued is never queued again.
 */
export async function queueImmediateMail(tx: Db, tenantId: string, source: string): Promise<void> {
  await tx.execute(sql`
    with due as (
      update notifications n set mailed_at = now(), updated_at = now()
      where n.tenant_id = ${tenantId} and n.source = ${source} and n.mailed_at is null and n.digest_id is null
        and ${deliverySql()} = 'immediate'
      returning n.id
    )
    insert into jobs (tenant_id, name, payload)
    select ${tenantId}, 'notifications.mailOne', jsonb_build_object('id', due.id) from due`);
}

/**
 * The digest period `now` falls in: the latest 07:00 local time at or before it (for weekly, the
 * latest Monday's), as the local date and the instant. Summer time moves the instant, never the
 * local hour.
 */
export function digestPeriod(now: Date, timeZone: string, cadence: Cadence): { period: string; boundary: Date } {
  let date = localParts(now, timeZone).date;
  const at = (d: string) => localToUtc(d, DIGEST_TIME, timeZone) as Date;
  if (at(date) > now) date = addDays(date, -1);
  if (cadence === 'weekly') {
    // Days since Monday, from the local date itself (noon UTC names the same weekday).
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    date = addDays(date, -((weekday + 6) % 7));
  }
  return { period: date, boundary: at(date) };
}

/** How far back a digest looks for what no mail has taken: a week and a day, so a weekly digest misses nothing. */
const DIGEST_REACH_DAYS = 8;

/**
 * Composes the digests of the period `now` falls in, for every person in the tenant with something
 * not yet mailed from before that period's 07:00, and queues one mail job for each. Run twice for
 * the same period, or on two workers at once, it composes nothing more: the digest's unique key
 * lets one insert win, and only the winner takes the notifications. Answers how many it composed.
 */
export async function composeDigests(db: Db, tenantId: string, timeZone: string, now: Date): Promise<number> {
  let made = 0;
  for (const cadence of ['daily', 'weekly'] as const) {
    const { period, boundary } = digestPeriod(now, timeZone, cadence);
    const until = boundary.toISOString();
    const from = new Date(boundary.getTime() - DIGEST_REACH_DAYS * 86_400_000).toISOString();
    const waiting = sql`n.tenant_id = ${tenantId} and n.mailed_at is null and n.digest_id is null
      and n.created_at < ${until}::timestamptz and n.created_at >= ${from}::timestamptz and ${deliverySql()} = ${cadence}`;
    const rows = await db.transaction(async (tx) =>
      rowsOf<{ id: number }>(
        await tx.execute(sql`
          with due as (
            select distinct n.user_id from notifications n where ${waiting}
          ), made as (
            insert into digests (tenant_id, user_id, cadence, period)
            select ${tenantId}, due.user_id, ${cadence}, ${period}::date from due
            on conflict do nothing
            returning id, user_id
          ), taken as (
            update notifications n set digest_id = made.id, updated_at = now()
            from made where n.user_id = made.user_id and ${waiting}
          )
          insert into jobs (tenant_id, name, payload)
          select ${tenantId}, 'notifications.sendDigest', jsonb_build_object('id', made.id) from made
          returning id`),
      ),
    );
    made += rows.length;
  }
  return made;
}

/** Every notice kind with the person's choice for it (or its default). */
export async function mailSettings(db: Db, person: { tenantId: string; userId: string }, notices: NoticeKind[]): Promise<Map<string, Delivery>> {
  const rows = await db
    .select({ kind: notificationSettings.kind, delivery: notificationSettings.delivery })
    .from(notificationSettings)
    .where(and(eq(notificationSettings.tenantId, person.tenantId), eq(notificationSettings.userId, person.userId)));
  const chosen = new Map(rows.map((r) => [r.kind, r.delivery]));
  return new Map(notices.map((k) => [k.kind, chosen.get(k.kind) ?? defaultDelivery(k)]));
}

/**
 * Saves a person's choices, one row per kind (a kind left out keeps what it had), and announces
 * in the same transaction whether mail about what they follow is now on (`via`: where the choice
 * was made), so the choice is kept as a consent with its history.
 */
export async function setMailSettings(
  db: Db,
  person: { tenantId: string; userId: string },
  choices: Map<string, Delivery>,
  notices: NoticeKind[],
  via: string,
): Promise<void> {
  if (choices.size === 0) return;
  await db.transaction(async (tx) => {
    await tx
      .insert(notificationSettings)
      .values([...choices].map(([kind, delivery]) => ({ tenantId: person.tenantId, userId: person.userId, kind, delivery })))
      .onConflictDoUpdate({
        target: [notificationSettings.tenantId, notificationSettings.userId, notificationSettings.kind],
        set: { delivery: sql`excluded.delivery`, updatedAt: new Date() },
      });
    const now = await mailSettings(tx, person, notices);
    const followedMail = notices.some((k) => !k.personal && now.get(k.kind) !== 'never');
    await emit(tx, { tenantId: person.tenantId, user: null, roles: [] }, 'platform.mailChoicesChanged', { userId: person.userId, followedMail, via });
  });
}

/** What an unsubscribe token stops: one kind of notice mailed at once, or one cadence of digest. */
export type MailStream = string;
export const digestStream = (cadence: Cadence): MailStream => `digest.${cadence}`;

/**
 * Stops one stream of mail for a person: a notice kind becomes "never"; a digest stream turns
 * every kind now gathered in that digest to "never". Answers the kinds it stopped.
 */
export async function stopMail(
  db: Db,
  person: { tenantId: string; userId: string },
  stream: MailStream,
  notices: NoticeKind[],
  via = 'unsubscribe',
): Promise<string[]> {
  const current = await mailSettings(db, person, notices);
  const cadence = stream.startsWith('digest.') ? stream.slice('digest.'.length) : null;
  const stopped = [...current].filter(([kind, delivery]) => (cadence ? delivery === cadence : kind === stream) && delivery !== 'never').map(([k]) => k);
  await setMailSettings(db, person, new Map(stopped.map((k) => [k, 'never' as const])), notices, via);
  return stopped;
}

const TOKEN_MAC_LENGTH = 32;

function tokenMac(secret: string, tenantId: string, userId: string, stream: MailStream): string {
  return createHmac('sha256', secret).update(`unsubscribe\n${tenantId}\n${userId}\n${stream}`).digest('base64url').slice(0, TOKEN_MAC_LENGTH);
}

/** A token that stops one stream of mail for one person in one tenant, without signing in (it does not expire: old mail keeps working). */
export function unsubscribeToken(secret: string, tenantId: string, userId: string, stream: MailStream): string {
  return `${Buffer.from(`${userId}\n${stream}`).toString('base64url')}.${tokenMac(secret, tenantId, userId, stream)}`;
}

/** Who and what a token names, if it was made by us for this tenant; null for anything else. */
export function readUnsubscribeToken(secret: string, tenantId: string, token: string): { userId: string; stream: MailStream } | null {
  const [body, mac] = token.split('.');
  if (!body || !mac || mac.length !== TOKEN_MAC_LENGTH) return null;
  const [userId, stream] = Buffer.from(body, 'base64url').toString('utf8').split('\n');
  if (!userId || !stream || !/^[0-9a-f-]{36}$/.test(userId)) return null;
  const expected = Buffer.from(tokenMac(secret, tenantId, userId, stream));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { userId, stream } : null;
}

/** The worker's upkeep that composes digests: every minute, for every tenant, in its own time zone. */
export function digestTask(clock: () => Date): RecurringTask {
  return defineRecurring('notifications.composeDigests', 60_000, async (db) => {
    const all = await db.select({ id: tenants.id, timeZone: tenants.timeZone }).from(tenants);
    for (const t of all) await composeDigests(db, t.id, t.timeZone, clock());
  });
}
