import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError, SignInRequiredError } from '../../../platform/authz/index.js';
import { formOf, formWithErrors, parseForm } from '../../../platform/http/forms.js';
import { safeNext } from '../../../platform/http/plugin.js';
import { destroySession } from '../../../platform/http/sessions.js';
import type { AppServices } from '../../../platform/module.js';
import { requireAdmin } from '../../../platform/routes.js';
import {
  createAccountWithEid,
  getOidcSettings,
  linkEid,
  NewAccountInput,
  OidcSettingsInput,
  parkedIdentity,
  saveOidcSettings,
  signInWithEid,
  startFlow,
  takeFlow,
  unlinkEid,
} from './commands.js';
import { meetsStaffLevel } from './levels.js';
import { EidError, type EidFailure, type EidProviders, failureOf, type ProviderSettings, shortCode } from './provider.js';
import { AdminEidPage, EidErrorPage, NewAccountPage, SignedOutPage } from './views.js';

/** The browser's half of a trip to the provider, and of a new account's details: only sent to these addresses. */
const STATE_COOKIE = 'oidc_state';
const SIGN_UP_COOKIE = 'oidc_signup';
const COOKIE_PATH = '/logga-in/oidc';

const CallbackQuery = z.object({
  code: z.string().max(4000).optional(),
  state: z.string().max(500).optional(),
  iss: z.string().max(500).optional(),
  error: z.string().max(500).optional(),
  error_description: z.string().max(2000).optional(),
  error_uri: z.string().max(2000).optional(),
  session_state: z.string().max(500).optional(),
});

const STATUS: Record<EidFailure, number> = {
  notConfigured: 404,
  state: 400,
  expired: 400,
  denied: 400,
  codeUsed: 400,
  token: 400,
  unavailable: 503,
  misconfigured: 502,
  level: 403,
  disabled: 403,
  linkedElsewhere: 409,
};

export interface EidDeps {
  providers: EidProviders;
  startSession: (reply: FastifyReply, token: string, lang: 'sv' | 'en') => void;
  limited: { config: { rateLimit: { max: number; timeWindow: string } } };
}

/**
 * Sign-in with e-ID through the municipality's OpenID provider: the trip there and back, a first
 * sign-in's new account, linking and unlinking from the profile, and the administrator's settings.
 */
export function eidRoutes(app: FastifyInstance, services: AppServices, { providers, startSession, limited }: EidDeps): void {
  const { db, config, translator, jobs, registry } = services;
  const isKey = translator.has;
  const staffRoles = registry.roles.filter((r) => r.staff).map((r) => r.role);
  const base = (req: FastifyRequest) => (req.tenant.baseUrl ?? config.baseUrl).replace(/\/$/, '');
  const redirectUri = (req: FastifyRequest) => `${base(req)}/logga-in/oidc/callback`;
  const postLogoutUri = (req: FastifyRequest) => `${base(req)}/logga-ut/klar`;
  const cookie = (maxAge: number) => ({ path: COOKIE_PATH, httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, maxAge });

  const failed = (req: FastifyRequest, reply: FastifyReply, err: unknown, settings: ProviderSettings | null) => {
    const e = failureOf(err);
    const cause = e.cause as { code?: unknown; name?: unknown; error?: unknown } | undefined;
    // What the person needs is on the page; what the operator needs goes to the log: never claims, tokens or numbers.
    req.log.warn({ eid: e.failure, code: cause?.code ?? cause?.error, name: cause?.name }, 'e-ID sign-in stopped');
    reply.clearCookie(STATE_COOKIE, { path: COOKIE_PATH });
    return reply
      .header('cache-control', 'no-store')
      .render((ctx) => <EidErrorPage ctx={ctx} failure={e.failure} code={e.providerCode} label={settings?.label ?? null} />, STATUS[e.failure]);
  };

  const begin = async (req: FastifyRequest, reply: FastifyReply, kind: 'signIn' | 'link', next: string) => {
    const settings = await providers.settings(req.tenant);
    if (!settings) throw new NotFoundError();
    try {
      const flow = await startFlow(db, req.tenant.id, kind, { userId: req.actor.user?.id, next });
      const url = await providers.authorizationUrl(req.tenant.id, settings, redirectUri(req), flow, req.lang);
      reply.setCookie(STATE_COOKIE, flow.state, cookie(600));
      return reply.header('cache-control', 'no-store').redirect(url, 303);
    } catch (err) {
      return failed(req, reply, err, settings);
    }
  };

  const NextQuery = z.object({ next: z.string().max(2000).optional().catch(undefined) });

  app.get('/logga-in/oidc', { ...limited, schema: { querystring: NextQuery } }, async (req, reply) =>
    begin(req, reply, 'signIn', safeNext((req.query as z.output<typeof NextQuery>).next)),
  );

  app.get('/profil/e-legitimation', limited, async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    return begin(req, reply, 'link', '/profil');
  });

  app.get('/logga-in/oidc/callback', { ...limited, schema: { querystring: CallbackQuery } }, async (req, reply) => {
    const q = req.query as z.output<typeof CallbackQuery>;
    const settings = await providers.settings(req.tenant);
    try {
      if (!settings) throw new EidError('notConfigured');
      const flow = await takeFlow(db, req.tenant.id, q.state ?? '', req.cookies[STATE_COOKIE]);
      reply.clearCookie(STATE_COOKIE, { path: COOKIE_PATH });
      if (q.error) throw new EidError('denied', shortCode(q.error));
      if (!q.code) throw new EidError('state');
      const callback = new URL(redirectUri(req));
      for (const k of ['code', 'state', 'iss', 'session_state'] as const) if (q[k] !== undefined) callback.searchParams.set(k, q[k]);
      const identity = await providers.complete(req.tenant.id, settings, callback, {
        state: q.state ?? '',
        nonce: flow.nonce,
        codeVerifier: flow.codeVerifier,
      });
      if (flow.kind === 'link') {
        const token = await linkEid(db, req.actor, flow.userId, identity);
        if (req.sessionToken) await destroySession(db, req.sessionToken);
        startSession(reply, token, req.actor.user?.lang ?? req.lang);
        return reply.flash('accounts.eid.linkedDone').redirect('/profil', 303);
      }
      const result = await signInWithEid(db, req.tenant.id, identity, staffRoles);
      if (result.kind === 'signUp') {
        reply.setCookie(SIGN_UP_COOKIE, result.key, cookie(1800));
        return reply.redirect(`/logga-in/oidc/nytt-konto?next=${encodeURIComponent(flow.next)}`, 303);
      }
      // The old session (if any) ends: a new token every sign-in prevents session fixation.
      if (req.sessionToken) await destroySession(db, req.sessionToken);
      startSession(reply, result.token, result.user.lang);
      return reply.redirect(safeNext(flow.next), 303);
    } catch (err) {
      return failed(req, reply, err, settings);
    }
  });

  app.get('/logga-in/oidc/nytt-konto', { schema: { querystring: NextQuery } }, async (req, reply) => {
    const identity = await parkedIdentity(db, req.tenant.id, req.cookies[SIGN_UP_COOKIE]);
    if (!identity) return failed(req, reply, new EidError('expired'), await providers.settings(req.tenant));
    const next = safeNext((req.query as z.output<typeof NextQuery>).next);
    const form = formOf({ name: identity.name, email: identity.emailVerified ? (identity.email ?? '') : '', lang: req.lang, next });
    return reply
      .header('cache-control', 'no-store')
      .render((ctx) => <NewAccountPage ctx={ctx} form={form} emailVerified={identity.emailVerified ? identity.email : null} />);
  });

  app.post<{ Body: Record<string, unknown> }>('/logga-in/oidc/nytt-konto', limited, async (req, reply) => {
    const key = req.cookies[SIGN_UP_COOKIE];
    const identity = await parkedIdentity(db, req.tenant.id, key);
    if (!identity) return failed(req, reply, new EidError('expired'), await providers.settings(req.tenant));
    const emailVerified = identity.emailVerified ? identity.email : null;
    const parsed = parseForm(NewAccountInput, req.body, isKey);
    if (!parsed.ok) return reply.render((ctx) => <NewAccountPage ctx={ctx} form={parsed.form} emailVerified={emailVerified} />, 422);
    try {
      const result = await createAccountWithEid(db, req.tenant.id, key, parsed.data);
      if (!result.ok) {
        return reply.render((ctx) => <NewAccountPage ctx={ctx} form={formWithErrors(req.body, result.errors)} emailVerified={emailVerified} />, 422);
      }
      jobs.poke();
      reply.clearCookie(SIGN_UP_COOKIE, { path: COOKIE_PATH });
      if (req.sessionToken) await destroySession(db, req.sessionToken);
      startSession(reply, result.value.token, result.value.user.lang);
      const confirmed = !!result.value.user.emailVerifiedAt;
      return reply.flash(confirmed ? 'accounts.eid.created' : 'accounts.eid.createdConfirm').redirect(safeNext(req.body?.next), 303);
    } catch (err) {
      return failed(req, reply, err, await providers.settings(req.tenant));
    }
  });

  app.post<{ Params: { id: string } }>('/profil/e-legitimation/:id/ta-bort', async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    const result = await unlinkEid(db, req.actor, req.params.id);
    if (!result) throw new NotFoundError();
    if (!result.ok) return reply.flash('accounts.eid.errors.lastWayIn', undefined, 'error').redirect('/profil', 303);
    return reply.flash('accounts.eid.unlinked').redirect('/profil', 303);
  });

  app.get('/logga-ut/klar', async (_req, reply) => reply.render((ctx) => <SignedOutPage ctx={ctx} />));

  const renderAdmin = async (req: FastifyRequest, reply: FastifyReply, form?: ReturnType<typeof formOf>, status?: number) => {
    const row = await getOidcSettings(db, req.tenant.id);
    const effective = providers.effective(req.tenant, row);
    const shown =
      form ??
      formOf({
        issuer: row?.issuer ?? '',
        clientId: row?.clientId ?? '',
        label: row?.label ?? '',
        scope: row?.scope ?? '',
        staffLevel: row?.staffLevel === null || row?.staffLevel === undefined ? '' : String(row.staffLevel),
      });
    return reply.render(
      (ctx) => (
        <AdminEidPage
          ctx={ctx}
          form={shown}
          source={effective?.source ?? null}
          redirectUri={redirectUri(req)}
          postLogoutUri={postLogoutUri(req)}
          secretSaved={!!row?.clientSecretSealed}
        />
      ),
      status,
    );
  };

  app.get('/admin/e-legitimation', async (req, reply) => {
    requireAdmin(req.actor);
    return renderAdmin(req, reply);
  });

  app.post<{ Body: Record<string, unknown> }>('/admin/e-legitimation', async (req, reply) => {
    requireAdmin(req.actor);
    const parsed = parseForm(OidcSettingsInput, req.body, isKey);
    if (!parsed.ok) return renderAdmin(req, reply, parsed.form, 422);
    const input = parsed.data;
    const values = { ...(req.body ?? {}), clientSecret: '' };
    const refuse = (field: string, key: string) => renderAdmin(req, reply, formWithErrors(values, { [field]: { key } }), 422);
    if (input.issuer && !input.clientId) return refuse('clientId', 'accounts.eid.admin.errors.clientIdRequired');
    const level = input.staffLevel === '' ? null : Number(input.staffLevel);
    // A requirement needs a provider: the one being saved, or the environment's for the default municipality.
    if (level !== null && !input.issuer && !(req.tenant.isDefault && config.oidc)) return refuse('staffLevel', 'accounts.eid.admin.errors.noProvider');
    // Whoever sets the requirement must meet it now, or they would lock themselves out of administration.
    if (level !== null && !meetsStaffLevel(level, req.actor.via?.method ?? 'password', req.actor.via?.acr ?? null)) {
      return refuse('staffLevel', 'accounts.eid.admin.errors.selfLockout');
    }
    if (input.issuer) {
      // The provider must answer with its metadata before it is saved (discovery needs no secret).
      const probe: ProviderSettings = { ...input, clientSecret: '', staffLevel: level, source: 'admin' };
      try {
        providers.forget(req.tenant.id);
        await providers.configuration(req.tenant.id, probe);
      } catch {
        return refuse('issuer', 'accounts.eid.admin.errors.unreachable');
      } finally {
        providers.forget(req.tenant.id);
      }
    }
    await saveOidcSettings(db, req.actor, input, input.clientSecret ? providers.sealSecret(input.clientSecret) : null);
    return reply.flash('accounts.eid.admin.saved').redirect('/admin/e-legitimation', 303);
  });
}
