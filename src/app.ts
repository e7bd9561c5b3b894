import Fastify, { type FastifyInstance } from 'fastify';
import { accountsModule, loadSessionActor } from './modules/accounts/index.js';
import { agreementsModule } from './modules/agreements/index.js';
import { councilsModule } from './modules/councils/index.js';
import { grantsModule } from './modules/grants/index.js';
import { meetingsModule } from './modules/meetings/index.js';
import { newsModule } from './modules/news/index.js';
import { organisationsModule } from './modules/organisations/index.js';
import { placesModule } from './modules/places/index.js';
import { plansModule } from './modules/plans/index.js';
import { questionsModule } from './modules/questions/index.js';
import { tenancyModule } from './modules/tenancy/index.js';
import { Changes } from './platform/changes.js';
import type { Config } from './platform/config.js';
import type { Database } from './platform/db/index.js';
import { eventJobName, type Subscriber, setSubscribers } from './platform/events.js';
import { frameworkErrorHandler } from './platform/http/framework-errors.js';
import { registerPlatformHttp, serializeError, serializeRequest } from './platform/http/plugin.js';
import { rateLimitUpkeep } from './platform/http/rate-limit-store.js';
import { sessionUpkeep } from './platform/http/sessions.js';
import { createTranslator } from './platform/i18n/index.js';
import { platformCatalogues } from './platform/i18n/messages.js';
import { defineJob, type JobDefinition, JobRunner, jobUpkeep } from './platform/jobs/index.js';
import { createMailer } from './platform/mail/index.js';
import { mailJobs } from './platform/mail/jobs.js';
import type { AppServices, EventSubscription, ModuleDefinition, Registry } from './platform/module.js';
import { notificationsPersonalData } from './platform/notifications/index.js';
import { notificationJobs } from './platform/notifications/letters.js';
import { digestTask } from './platform/notifications/mail.js';
import { notificationRoutes } from './platform/notifications/routes.js';
import { platformRetention, retentionTask } from './platform/retention/index.js';
import { platformRoutes } from './platform/routes.js';
import { TenantResolver } from './platform/tenants/index.js';

/** Every module, in the order they are mounted. A new module is added here and nowhere else. */
export const modules: ModuleDefinition[] = [
  tenancyModule,
  accountsModule,
  organisationsModule,
  placesModule,
  councilsModule,
  meetingsModule,
  newsModule,
  questionsModule,
  plansModule,
  agreementsModule,
  grantsModule,
];

/** The event table of the modules' `on` declarations, and one job per queued subscription. */
export function subscriptionsOf(list: ModuleDefinition[], services: AppServices): { subscribers: Subscriber[]; eventJobs: JobDefinition[] } {
  const subscribers: Subscriber[] = [];
  const eventJobs: JobDefinition[] = [];
  for (const m of list) {
    for (const [event, s] of Object.entries(m.on ?? {}) as [string, EventSubscription<never>][]) {
      if (s.run === 'transaction') {
        subscribers.push({ module: m.name, event, run: 'transaction', handle: s.handle as Subscriber['handle'] });
      } else {
        subscribers.push({ module: m.name, event, run: 'job' });
        eventJobs.push(defineJob(eventJobName(m.name, event), (payload) => s.handle(payload.event as never, services)));
      }
    }
  }
  return { subscribers, eventJobs };
}

/** Builds the server: the platform first, then every module's routes, jobs and texts. */
export async function buildApp(config: Config, database: Database): Promise<{ app: FastifyInstance; services: AppServices }> {
  const { db } = database;
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
            serializers: { err: serializeError, req: serializeRequest },
          },
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    // A path that cannot be decoded is answered before any hook runs: still a plain page with our headers.
    frameworkErrors: frameworkErrorHandler,
  });
  const translator = await createTranslator({ platform: platformCatalogues, ...Object.fromEntries(modules.map((m) => [m.name, m.i18n])) });
  const mailer = createMailer(db, { smtpUrl: config.smtpUrl, from: config.mailFrom });
  const registry: Registry = {
    roles: modules.flatMap((m) => m.roles ?? []),
    processing: [
      ...modules.flatMap((m) => m.processing ?? []),
      {
        data: 'platform.privacy.notifications',
        purpose: 'platform.privacy.notificationsPurpose',
        basis: 'consent',
        retention: 'platform.privacy.notificationsRetention',
        audience: 'platform.privacy.notificationsAudience',
      },
    ],
    scopes: modules.flatMap((m) => m.scopes ?? []),
    personalData: [
      ...modules.flatMap((m) => (m.personalData ? [{ module: m.name, collect: m.personalData }] : [])),
      { module: 'notifications', collect: notificationsPersonalData },
    ],
    erasure: modules.flatMap((m) => (m.erase ? [{ module: m.name, erase: m.erase }] : [])),
    erasureChecks: modules.flatMap((m) => (m.erasureCheck ? [m.erasureCheck] : [])),
    retention: [...platformRetention, ...modules.flatMap((m) => m.retention ?? [])],
    sections: [],
    annotations: [],
    followables: modules.flatMap((m) => m.followables ?? []),
    notices: modules.flatMap((m) => m.notices ?? []),
    recipients: async () => [],
  };
  const recipients = modules.find((m) => m.recipients)?.recipients;
  if (recipients) registry.recipients = recipients;
  const changes = new Changes(database);
  const services = {
    config,
    database,
    db,
    mailer,
    translator,
    tenants: new TenantResolver(db),
    changes,
    registry,
    clock: () => new Date(),
    lifecycle: { draining: false },
  } as AppServices;
  changes.onChange(() => services.tenants.clear());
  // In page order: by `order`, then module order (the sort is stable).
  registry.sections = modules
    .flatMap((m) => (m.sections?.(services) ?? []).map((s) => ({ ...s, module: m.name })))
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  registry.annotations = modules.flatMap((m) => (m.annotations?.(services) ?? []).map((a) => ({ ...a, module: m.name })));
  const { subscribers, eventJobs } = subscriptionsOf(modules, services);
  setSubscribers(subscribers);
  services.jobs = new JobRunner(
    db,
    [...mailJobs(mailer), ...notificationJobs(services), ...modules.flatMap((m) => m.jobs?.(services) ?? []), ...eventJobs],
    app.log,
    // The clock is read when the task runs, so a test that sets it moves the digests' time.
    [
      sessionUpkeep,
      jobUpkeep,
      rateLimitUpkeep,
      digestTask(() => services.clock()),
      retentionTask(
        () => registry.retention,
        () => services.clock(),
      ),
      ...modules.flatMap((m) => m.recurring?.(services) ?? []),
    ],
  );

  const nav = modules.flatMap((m) => m.nav ?? []);
  const adminNav = modules.flatMap((m) => m.adminNav ?? []);
  nav.push({ href: '/admin', label: 'platform.nav.admin', visible: (a) => adminNav.some((n) => !n.visible || n.visible(a)) });

  const staffRoles = new Set(registry.roles.filter((r) => r.staff).map((r) => r.role));
  await registerPlatformHttp(app, services, {
    loadActor: (tenantId, liveSession) => loadSessionActor(db, tenantId, liveSession, staffRoles),
    nav,
  });
  platformRoutes(app, services, adminNav);
  notificationRoutes(app, services);
  for (const m of modules) await m.routes?.(app, services);
  return { app, services };
}
