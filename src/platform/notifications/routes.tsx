import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError, SignInRequiredError } from '../authz/index.js';
import { safeNext } from '../http/plugin.js';
import { cursorFrom, cursorQuery, TimeCursorQuery, Uuid } from '../http/validation.js';
import type { AppServices } from '../module.js';
import { withQuery } from '../views/components.js';
import { follow, listFollows, listNotifications, markAllRead, unfollow } from './index.js';
import { FollowsPage, NotificationsPage } from './views.js';

const FollowInput = z.object({
  kind: z.string().max(40),
  id: Uuid,
  action: z.enum(['follow', 'unfollow']),
  back: z.string().max(500).optional(),
});
const NotificationsQuery = z.object(TimeCursorQuery);

/** Following and stopping, a person's follows, and their notifications. */
export function notificationRoutes(app: FastifyInstance, { db, registry }: AppServices): void {
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
