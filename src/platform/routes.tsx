import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listAuditEntries } from './audit/index.js';
import { ForbiddenError, isAdmin, NotFoundError, SignInRequiredError } from './authz/index.js';
import { formOf, parseForm } from './http/forms.js';
import { SHARED_PAGE } from './http/render-cache.js';
import { LocalDate } from './http/validation.js';
import { enqueue } from './jobs/index.js';
import { getOutboxMessage, listOutbox } from './mail/index.js';
import type { AppServices, NavEntry } from './module.js';
import { listRetentionPeriods, type RetentionPeriod, retentionInput, saveRetentionPeriods } from './retention/index.js';
import { addDays, startOfLocalDay } from './time.js';
import { AboutPage, AccessibilityPage, AdminPage, AuditPage, OutboxPage, PrivacyPage, RetentionPage } from './views/pages.js';

const FeedbackInput = z.object({
  message: z.string().trim().min(1).max(5000),
  page: z.string().trim().max(500).optional().default(''),
  email: z
    .union([z.literal(''), z.string().trim().email().max(320)])
    .optional()
    .default(''),
});

const AuditQuery = z.object({
  person: z.string().trim().max(200).optional(),
  record: z.string().trim().max(200).optional(),
  from: z.union([z.literal(''), LocalDate]).optional(),
  to: z.union([z.literal(''), LocalDate]).optional(),
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});

/** Whether an address is this machine's own (127.0.0.0/8, ::1, or IPv4 loopback written as IPv6). */
export function isLoopback(ip: string): boolean {
  return ip === '::1' || /^(::ffff:)?127\./.test(ip);
}

/** Asserts the actor administers the municipality; a visitor is asked to sign in first. */
export function requireAdmin(actor: import('./authz/index.js').Actor): void {
  if (!actor.user) throw new SignInRequiredError();
  if (!isAdmin(actor)) throw new ForbiddenError();
}

/** The platform's own pages: accessibility statement, about, administration start, audit log, outbox. */
export function platformRoutes(app: FastifyInstance, services: AppServices, adminNav: NavEntry[]): void {
  const { db, translator, mailer } = services;

  const kinds = services.registry.retention;
  app.get('/personuppgifter', SHARED_PAGE, async (req, reply) => {
    const periods = await listRetentionPeriods(db, req.tenant.id, kinds);
    return reply.render((ctx) => <PrivacyPage ctx={ctx} processing={services.registry.processing} periods={periods} contact={req.tenant.contactEmail} />);
  });

  const RetentionInput = retentionInput(kinds);
  /** The periods as the form shows them: the municipality's own, empty where the default applies. */
  const retentionForm = (periods: RetentionPeriod[]) => formOf(Object.fromEntries(periods.map((p) => [p.kind.kind, p.own ? p.days : ''])));
  app.get('/admin/gallring', async (req, reply) => {
    requireAdmin(req.actor);
    const periods = await listRetentionPeriods(db, req.tenant.id, kinds);
    return reply.render((ctx) => <RetentionPage ctx={ctx} form={retentionForm(periods)} periods={periods} />);
  });
  app.post('/admin/gallring', async (req, reply) => {
    requireAdmin(req.actor);
    const parsed = parseForm(RetentionInput, req.body, translator.has);
    if (!parsed.ok) {
      const periods = await listRetentionPeriods(db, req.tenant.id, kinds);
      return reply.render((ctx) => <RetentionPage ctx={ctx} form={parsed.form} periods={periods} />, 422);
    }
    await saveRetentionPeriods(db, req.actor, kinds, parsed.data as Record<string, number | undefined>);
    return reply.flash('platform.retention.saved').redirect('/admin/gallring', 303);
  });
  app.get('/tillganglighet', async (_req, reply) => reply.render((ctx) => <AccessibilityPage ctx={ctx} form={formOf()} />));

  app.post('/tillganglighet', { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (req, reply) => {
    const parsed = parseForm(FeedbackInput, req.body, translator.has);
    if (!parsed.ok) return reply.render((ctx) => <AccessibilityPage ctx={ctx} form={parsed.form} />, 422);
    const { message, page, email } = parsed.data;
    const to = req.tenant.contactEmail;
    if (to) {
      await enqueue(
        db,
        'platform.sendMail',
        {
          to,
          subject: req.t('platform.a11y.mailSubject'),
          text: `${message}\n\n${req.t('platform.a11y.page')}: ${page || '-'}\n${req.t('platform.a11y.email')}: ${email || '-'}`,
        },
        { tenantId: req.tenant.id },
      );
      services.jobs.poke();
    }
    return reply.flash('platform.a11y.sent').redirect('/tillganglighet', 303);
  });

  app.get('/om', SHARED_PAGE, async (_req, reply) => reply.render((ctx) => <AboutPage ctx={ctx} />));

  app.get('/admin', async (req, reply) => {
    requireAdmin(req.actor);
    return reply.render((ctx) => <AdminPage ctx={ctx} links={adminNav.map((n) => ({ href: n.href, label: req.t(n.label) }))} />);
  });

  app.get<{ Querystring: Record<string, string> }>('/admin/logg', async (req, reply) => {
    requireAdmin(req.actor);
    const q = AuditQuery.safeParse(req.query);
    const filter = q.success ? q.data : {};
    // Days are the municipality's days: from its midnight to the next.
    const tz = req.tenant.timeZone;
    const to = filter.to ? startOfLocalDay(addDays(filter.to, 1), tz) : undefined;
    const page = await listAuditEntries(db, req.tenant.id, {
      person: filter.person || undefined,
      record: filter.record || undefined,
      from: filter.from ? startOfLocalDay(filter.from, tz) : undefined,
      to,
      before: filter.before,
    });
    const values = { person: filter.person ?? '', record: filter.record ?? '', from: filter.from ?? '', to: filter.to ?? '' };
    const form = q.success ? formOf(values) : { values: req.query, errors: { from: { key: 'platform.errors.date' } } };
    return reply.render((ctx) => <AuditPage ctx={ctx} form={form} rows={page.rows} next={page.next} isFirst={!filter.before} />);
  });

  // Mail that was not sent holds sign-in links and password resets: only an administrator, or
  // someone at the machine itself, may read it, and never on a production server.
  app.get('/dev/outbox', async (req, reply) => {
    if (mailer.mode !== 'outbox' || services.config.env === 'production') throw new NotFoundError();
    if (!isAdmin(req.actor) && !isLoopback(req.ip)) throw new NotFoundError();
    const messages = await listOutbox(db, req.tenant.id, 50);
    return reply.render((ctx) => <OutboxPage ctx={ctx} messages={messages} />);
  });

  // A mail's HTML part as the mail program would get it, sandboxed: no script runs, nothing is fetched.
  app.get<{ Params: { id: string } }>('/dev/outbox/:id/html', async (req, reply) => {
    if (mailer.mode !== 'outbox' || services.config.env === 'production') throw new NotFoundError();
    if (!isAdmin(req.actor) && !isLoopback(req.ip)) throw new NotFoundError();
    const m = await getOutboxMessage(db, req.tenant.id, req.params.id);
    if (!m?.html) throw new NotFoundError();
    return reply.header('content-security-policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'").type('text/html; charset=utf-8').send(m.html);
  });
}
