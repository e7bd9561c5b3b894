import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { renderToString } from 'preact-render-to-string';
import { formatDateTime, type Lang, type MessageKey, type TFn } from '../i18n/index.js';
import { defineJob, type JobDefinition } from '../jobs/index.js';
import type { AppServices, Recipient } from '../module.js';
import { getTenantById, type Tenant } from '../tenants/index.js';
import { digestStream, type MailStream, unsubscribeToken } from './mail.js';
import { type Cadence, digests, notifications } from './schema.js';

/** At most this many items in one digest; the rest are on the notifications page it links to. */
export const DIGEST_ITEMS = 100;

interface LetterItem {
  text: string;
  href: string;
  at: Date;
}

interface Letter {
  lang: Lang;
  t: TFn;
  timeZone: string;
  greeting: string;
  intro: string;
  groups: { topic: string; items: LetterItem[] }[];
  more?: { text: string; href: string };
  why: string;
  settingsHref: string;
  unsubscribe: { text: string; href: string };
}

/** The same letter as plain text and as HTML (escaped by the renderer, no images, no scripts). */
function write(letter: Letter): { text: string; html: string } {
  const { t } = letter;
  const when = (d: Date) => formatDateTime(letter.lang, d, letter.timeZone);
  const text = [
    letter.greeting,
    '',
    letter.intro,
    '',
    ...letter.groups.flatMap((g) => [
      ...(g.topic ? [g.topic, '-'.repeat(Math.min(g.topic.length, 60))] : []),
      ...g.items.map((i) => `* ${i.text} (${when(i.at)})\n  ${i.href}`),
      '',
    ]),
    ...(letter.more ? [letter.more.text, letter.more.href, ''] : []),
    '-- ',
    letter.why,
    `${t('platform.mail.settings')}: ${letter.settingsHref}`,
    `${letter.unsubscribe.text}: ${letter.unsubscribe.href}`,
  ].join('\n');
  const html = `<!doctype html>${renderToString(
    <html lang={letter.lang}>
      <head>
        <meta charset="utf-8" />
        <title>{letter.intro}</title>
      </head>
      <body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 40em;">
        <p>{letter.greeting}</p>
        <p>{letter.intro}</p>
        {letter.groups.map((g) => (
          <section>
            {g.topic ? <h2 style="font-size: 1.1em;">{g.topic}</h2> : null}
            <ul>
              {g.items.map((i) => (
                <li>
                  <a href={i.href}>{i.text}</a> <span style="color: #555;">({when(i.at)})</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
        {letter.more ? (
          <p>
            <a href={letter.more.href}>{letter.more.text}</a>
          </p>
        ) : null}
        <hr />
        <p style="font-size: 0.9em; color: #555;">
          {letter.why} <a href={letter.settingsHref}>{t('platform.mail.settings')}</a> · <a href={letter.unsubscribe.href}>{letter.unsubscribe.text}</a>
        </p>
      </body>
    </html>,
  )}`;
  return { text, html };
}

/** The one-click unsubscribe headers of RFC 8058 and the link for the letter's foot. */
function unsubscribeOf(services: AppServices, tenant: Tenant, person: Recipient, stream: MailStream) {
  const href = `${baseUrl(services, tenant)}/avregistrera/${unsubscribeToken(services.config.sessionSecret, tenant.id, person.id, stream)}`;
  return { href, headers: { 'List-Unsubscribe': `<${href}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
}

const baseUrl = (services: AppServices, tenant: Tenant) => tenant.baseUrl ?? services.config.baseUrl;

/** The two kinds of notification mail: one notification at once, and a digest of a period. */
export function notificationJobs(services: AppServices): JobDefinition[] {
  const { db, translator, registry, mailer } = services;
  const recipient = async (tenantId: string, userId: string) => (await registry.recipients(db, tenantId, [userId]))[0] ?? null;
  const labelOf = (kind: string) => registry.notices.find((k) => k.kind === kind)?.label;

  return [
    defineJob('notifications.mailOne', async (payload, job) => {
      if (!job.tenantId) return;
      const [n] = await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.tenantId, job.tenantId), eq(notifications.id, String(payload.id))))
        .limit(1);
      const tenant = n ? await getTenantById(db, n.tenantId) : null;
      const person = n ? await recipient(n.tenantId, n.userId) : null;
      if (!n || !tenant || !person) return;
      const t = translator.t(person.lang);
      const base = baseUrl(services, tenant);
      const what = t(n.messageKey as MessageKey, n.vars);
      const unsubscribe = unsubscribeOf(services, tenant, person, n.event);
      const label = labelOf(n.event);
      const letter = write({
        lang: person.lang,
        t,
        timeZone: tenant.timeZone,
        greeting: t('platform.mail.greeting', { name: person.name }),
        intro: t('platform.mail.oneIntro', { municipality: tenant.name }),
        groups: [{ topic: n.topic, items: [{ text: what, href: `${base}${n.link}`, at: n.createdAt }] }],
        why: t('platform.mail.whyOne', { kind: label ? t(label) : n.event }),
        settingsHref: `${base}/profil/epost`,
        unsubscribe: { text: t('platform.mail.stopKind', { kind: label ? t(label) : n.event }), href: unsubscribe.href },
      });
      await mailer.send({ tenantId: tenant.id, to: person.email, subject: what, ...letter, headers: unsubscribe.headers });
    }),

    defineJob('notifications.sendDigest', async (payload, job) => {
      if (!job.tenantId) return;
      const [d] = await db
        .select()
        .from(digests)
        .where(and(eq(digests.tenantId, job.tenantId), eq(digests.id, String(payload.id)), isNull(digests.sentAt)))
        .limit(1);
      if (!d) return;
      const [tenant, person, items, counted] = await Promise.all([
        getTenantById(db, d.tenantId),
        recipient(d.tenantId, d.userId),
        db
          .select()
          .from(notifications)
          .where(eq(notifications.digestId, d.id))
          .orderBy(asc(notifications.topic), asc(notifications.createdAt))
          .limit(DIGEST_ITEMS),
        db.select({ total: count() }).from(notifications).where(eq(notifications.digestId, d.id)),
      ]);
      const total = counted[0]?.total ?? 0;
      // Never an empty digest, and nothing for an account closed or disabled since.
      if (tenant && person && items.length > 0) {
        const t = translator.t(person.lang);
        const base = baseUrl(services, tenant);
        const groups = new Map<string, LetterItem[]>();
        for (const n of items)
          groups.set(n.topic, [...(groups.get(n.topic) ?? []), { text: t(n.messageKey as MessageKey, n.vars), href: `${base}${n.link}`, at: n.createdAt }]);
        const cadence = d.cadence as Cadence;
        const unsubscribe = unsubscribeOf(services, tenant, person, digestStream(cadence));
        const letter = write({
          lang: person.lang,
          t,
          timeZone: tenant.timeZone,
          greeting: t('platform.mail.greeting', { name: person.name }),
          intro: t(cadence === 'daily' ? 'platform.mail.dailyIntro' : 'platform.mail.weeklyIntro', { count: total, municipality: tenant.name }),
          groups: [...groups].map(([topic, list]) => ({ topic, items: list })),
          more: total > items.length ? { text: t('platform.mail.more', { count: total - items.length }), href: `${base}/notiser` } : undefined,
          why: t(cadence === 'daily' ? 'platform.mail.whyDaily' : 'platform.mail.whyWeekly'),
          settingsHref: `${base}/profil/epost`,
          unsubscribe: { text: t(cadence === 'daily' ? 'platform.mail.stopDaily' : 'platform.mail.stopWeekly'), href: unsubscribe.href },
        });
        await mailer.send({
          tenantId: tenant.id,
          to: person.email,
          subject: t(cadence === 'daily' ? 'platform.mail.dailySubject' : 'platform.mail.weeklySubject', { count: total, municipality: tenant.name }),
          ...letter,
          headers: unsubscribe.headers,
        });
      }
      await db.update(digests).set({ sentAt: new Date(), updatedAt: new Date() }).where(eq(digests.id, d.id));
    }),
  ];
}
