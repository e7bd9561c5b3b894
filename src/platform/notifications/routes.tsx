import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError, SignInRequiredError } from '../authz/index.js';
import { formOf, parseForm } from '../http/forms.js';
import { safeNext } from '../http/plugin.js';
import { cursorFrom, cursorQuery, TimeCursorQuery, Uuid } from '../http/validation.js';
import type { MessageKey } from '../i18n/index.js';
import type { AppServices } from '../module.js';
import { withQuery } from '../views/components.js';
import { follow, listFollows, listNotifications, markAllRead, unfollow } from './index.js';
import { DELIVERIES, mailSettings, readUnsubscribeToken, setMailSettings, stopMail } from './mail.js';
import type { Delivery } from './schema.js';
import { FollowsPage, MailSettingsPage, NotificationsPage, UnsubscribePage } from './views.js';

const FollowInput = z.object({
  kind: z.string().max(40),
  id: Uuid,
  action: z.enum(['follow', 'unfollow']),
  back: z.string().max(500).optional(),
});
const NotificationsQuery = z.object(TimeCursorQuery);

/** Following and stopping, a person's follows, and their notifications. */
export function notificationRoutes(app: FastifyInstance, { db, registry, config, translator }: AppServices): void {
  const kinds = registry.notices.map((k) => ({ kind: k.kind, label: k.label, personal: Boolean(k.personal) }));
  // Every kind is one radio group; an unknown choice is said on its group, a group left out keeps what it had.
  const SettingsInput = z.object(Object.fromEntries(kinds.map((k) => [k.kind, z.enum(DELIVERIES).optional()])));

  app.get('/profil/epost', async (req, reply) => {
    const user = req.actor.user;
    if (!user) throw new SignInRequiredError();
    const current = await mailSettings(db, { tenantId: req.tenant.id, userId: user.id }, registry.notices);
    return reply.render((ctx) => <MailSettingsPage ctx={ctx} kinds={kinds} form={formOf(Object.fromEntries(current))} />);
  });

  app.post('/profil/epost', async (req, reply) => {
    const user = req.actor.user;
    if (!user) throw new SignInRequiredError();
    const parsed = parseForm(SettingsInput, req.body, translator.has);
    if (!parsed.ok) return reply.render((ctx) => <MailSettingsPage ctx={ctx} kinds={kinds} form={parsed.form} />, 422);
    const chosen = Object.entries(parsed.data).filter((e): e is [string, Delivery] => e[1] !== undefined);
    await setMailSettings(db, { tenantId: req.tenant.id, userId: user.id }, new Map(chosen), registry.notices, 'mailSettings');
    return reply.flash('platform.mailSettings.saved').redirect('/profil/epost', 303);
  });

  // One action on the profile: no more mail about what the person follows (what concerns them themself still comes).
  app.post('/profil/epost/stoppa', async (req, reply) => {
    const user = req.actor.user;
    if (!user) throw new SignInRequiredError();
    const followed = registry.notices.filter((k) => !k.personal).map((k) => [k.kind, 'never' as const] as const);
    await setMailSettings(db, { tenantId: req.tenant.id, userId: user.id }, new Map(followed), registry.notices, 'profile');
    return reply.flash('platform.mailSettings.stopped').redirect('/profil', 303);
  });

  // The link in every notification mail: a token names the person, the tenant and the kind of mail,
  // so it works without signing in. The page asks (a mail scanner that follows links stops nothing);
  // the POST stops it, from the page or from the mail program's one-click button (RFC 8058), which
  // carries no session and no CSRF token: the signed token is what authorises it.
  const streamName = (stream: string, lang: 'sv' | 'en') => {
    const t = translator.t(lang);
    if (stream === 'digest.daily') return t('platform.unsubscribe.daily');
    if (stream === 'digest.weekly') return t('platform.unsubscribe.weekly');
    const label = registry.notices.find((k) => k.kind === stream)?.label;
    return label ? t(label as MessageKey) : null;
  };
  const tokenOf = (req: { params: { token: string }; tenant: { id: string } }) => {
    const found = readUnsubscribeToken(config.sessionSecret, req.tenant.id, req.params.token);
    if (!found) throw new NotFoundError();
    return { ...found, token: req.params.token };
  };

  app.get<{ Params: { token: string } }>('/avregistrera/:token', async (req, reply) => {
    const found = tokenOf(req);
    const what = streamName(found.stream, req.lang);
    if (!what) throw new NotFoundError();
    return reply
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .render((ctx) => <UnsubscribePage ctx={ctx} what={what} action={`/avregistrera/${found.token}`} done={false} />);
  });

  app.post<{ Params: { token: string } }>('/avregistrera/:token', { config: { skipCsrf: true } }, async (req, reply) => {
    const found = tokenOf(req);
    const what = streamName(found.stream, req.lang);
    if (!what) throw new NotFoundError();
    await stopMail(db, { tenantId: req.tenant.id, userId: found.userId }, found.stream, registry.notices);
    return reply
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .render((ctx) => <UnsubscribePage ctx={ctx} what={what} action={`/avregistrera/${found.token}`} done={true} />);
  });

  app.post('/bevakningar', async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    const input = FollowInput.safeParse(req.body);
    const followable = input.success ? registry.followables.find((f) => f.kind === input.data.kind) : undefined;
    if (!input.success || !followable) throw new NotFoundError();
    // Only what the person may see can be followed: anything else does not exist for them.
    const found = (await followable.names(db, req.actor, [input.data.id])).get(input.data.id);
    if (input.data.action === 'follow') {
      if (!found) throw new NotFoundError();
      await follow(db, { tenantId: req.tenant.id, userId: req.actor.user.id }, followable.kind, input.data.id);
    } else {
      await unfollow(db, req.actor, followable.kind, input.data.id);
    }
    const name = found?.name ?? '';
    return reply
      .flash(input.data.action === 'follow' ? 'platform.notifications.followed' : 'platform.notifications.unfollowed', { name })
      .redirect(safeNext(input.data.back ?? found?.href ?? '/mina-bevakningar'), 303);
  });

  app.get('/mina-bevakningar', async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    const mine = await listFollows(db, req.actor);
    const groups = await Promise.all(
      registry.followables.map(async (f) => {
        const ids = mine.filter((m) => m.kind === f.kind).map((m) => m.subjectId);
        const names = ids.length ? await f.names(db, req.actor, ids) : new Map();
        return { kind: f.kind, label: f.label, items: ids.map((id) => ({ id, name: names.get(id)?.name ?? null, href: names.get(id)?.href ?? null })) };
      }),
    );
    return reply.render((ctx) => <FollowsPage ctx={ctx} groups={groups} />);
  });

  app.get('/notiser', { schema: { querystring: NotificationsQuery } }, async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    const before = cursorFrom(req.query as z.output<typeof NotificationsQuery>);
    const page = await listNotifications(db, req.actor, before ? { at: before.key, id: before.id } : undefined);
    const next = page.next ? withQuery('/notiser', cursorQuery(page.next)) : undefined;
    return reply.render((ctx) => <NotificationsPage ctx={ctx} rows={page.rows} next={next} isFirst={!before} />);
  });

  app.post('/notiser/las-alla', async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    await markAllRead(db, req.actor);
    return reply.flash('platform.notifications.allRead').redirect('/notiser', 303);
  });
}
