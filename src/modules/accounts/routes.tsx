import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { listAuditEntriesByActor } from '../../platform/audit/index.js';
import { NotFoundError, SignInRequiredError } from '../../platform/authz/index.js';
import { formOf, formWithErrors, parseForm } from '../../platform/http/forms.js';
import { CSRF_COOKIE, safeNext } from '../../platform/http/plugin.js';
import { destroySession, SESSION_COOKIE, sessionCookieOptions } from '../../platform/http/sessions.js';
import { cursorFrom, NameCursorQuery, SafeText } from '../../platform/http/validation.js';
import type { AppServices } from '../../platform/module.js';
import { requireAdmin } from '../../platform/routes.js';
import {
  assignRole,
  EmailInput,
  ProfileInput,
  ResetInput,
  RoleInput,
  requestAccountMail,
  resetPassword,
  revokeRole,
  SignInInput,
  SignUpInput,
  setUserDisabled,
  signIn,
  signUp,
  updateProfile,
  verifyEmail,
} from './commands.js';
import { listConsents, setConsent, withdrawConsent } from './consents.js';
import { listIdentities } from './eid/commands.js';
import { EidProviders } from './eid/provider.js';
import { eidRoutes } from './eid/routes.js';
import { LeavingPage } from './eid/views.js';
import { CloseAccountInput, closeAccount, erasureRefusals } from './erasure.js';
import { getUser, listRoleAssignments, listUsers, staffNeedsEid } from './queries.js';
import { AdminUserPage, AdminUsersPage } from './views/admin.js';
import { CloseAccountPage, ForgotPage, MessagePage, ProfilePage, ResetPage, SignInPage, SignUpPage } from './views/pages.js';

const UsersQuery = z.object({ q: SafeText(200).optional().catch(undefined), ...NameCursorQuery });

/** Sign-up, verification, sign-in and out, password reset, profile and export, and user administration. */
export function accountRoutes(app: FastifyInstance, services: AppServices): void {
  const { db, translator, config, jobs, registry } = services;
  const isKey = translator.has;
  const limited = { config: { rateLimit: { max: config.authRateLimit, timeWindow: '1 minute' } } };
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };

  // A new session gets a new CSRF secret too: nothing made for the browser before signing in is accepted after.
  const startSession = (reply: FastifyReply, token: string, lang: 'sv' | 'en') => {
    reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(config.secureCookies));
    reply.setCookie('lang', lang, cookieOpts);
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
  };
  const providers = new EidProviders(db, config);
  const staffRoles = registry.roles.filter((r) => r.staff).map((r) => r.role);
  eidRoutes(app, services, { providers, startSession, limited });
  /** The e-ID button's text where the municipality has a provider ('' for the standard text), else null. */
  const eidLabel = async (tenant: import('fastify').FastifyRequest['tenant']) => {
    const s = await providers.settings(tenant);
    return s ? s.label : null;
  };

  app.get('/registrera', async (req, reply) => {
    if (req.actor.user) return reply.redirect('/profil', 303);
    return reply.render((ctx) => <SignUpPage ctx={ctx} form={formOf()} />);
  });

  app.post('/registrera', limited, async (req, reply) => {
    const parsed = parseForm(SignUpInput, req.body, isKey);
    if (!parsed.ok) return reply.render((ctx) => <SignUpPage ctx={ctx} form={parsed.form} />, 422);
    await signUp(db, req.tenant.id, parsed.data, req.lang);
    jobs.poke();
    return reply.redirect('/registrera/skickat', 303);
  });

  app.get('/registrera/skickat', async (_req, reply) =>
    reply.render((ctx) => <MessagePage ctx={ctx} title={ctx.t('accounts.signUp.sentTitle')} text={ctx.t('accounts.signUp.sentText')} />),
  );

  app.get<{ Querystring: { token?: string } }>('/verifiera', async (req, reply) => {
    const token = typeof req.query.token === 'string' ? req.query.token.slice(0, 200) : '';
    const result = token ? await verifyEmail(db, req.tenant.id, token) : null;
    if (!result?.ok) {
      return reply.render(
        (ctx) => <MessagePage ctx={ctx} title={ctx.t('accounts.verify.failedTitle')} text={ctx.t('accounts.errors.tokenInvalid')} resend />,
        400,
      );
    }
    return reply.flash('accounts.verify.done').redirect('/logga-in', 303);
  });

  app.post('/verifiera/skicka-igen', limited, async (req, reply) => {
    const parsed = parseForm(EmailInput, req.body, isKey);
    if (parsed.ok) {
      await requestAccountMail(db, req.tenant.id, parsed.data.email, 'accounts.sendVerification');
      jobs.poke();
    }
    return reply.redirect('/registrera/skickat', 303);
  });

  app.get<{ Querystring: { next?: string } }>('/logga-in', async (req, reply) => {
    if (req.actor.user && !req.actor.eidNeeded) return reply.redirect(safeNext(req.query.next), 303);
    const eid = await eidLabel(req.tenant);
    return reply.render((ctx) => <SignInPage ctx={ctx} form={formOf({ next: safeNext(req.query.next) })} eid={eid} />);
  });

  app.post('/logga-in', limited, async (req, reply) => {
    const parsed = parseForm(SignInInput, req.body, isKey);
    const eid = await eidLabel(req.tenant);
    if (!parsed.ok) return reply.render((ctx) => <SignInPage ctx={ctx} form={parsed.form} eid={eid} />, 422);
    const result = await signIn(db, req.tenant.id, parsed.data.email, parsed.data.password, (user) =>
      eid === null ? Promise.resolve(false) : staffNeedsEid(db, req.tenant.id, user.id, staffRoles),
    );
    if (!result.ok) return reply.render((ctx) => <SignInPage ctx={ctx} form={formWithErrors(req.body, result.errors)} eid={eid} />, 422);
    // The old session (if any) ends: a new token every sign-in prevents session fixation.
    if (req.sessionToken) await destroySession(db, req.sessionToken);
    startSession(reply, result.value.token, result.value.user.lang);
    return reply.redirect(safeNext(parsed.data.next), 303);
  });

  app.post('/logga-ut', async (req, reply) => {
    const ended = req.sessionToken ? await destroySession(db, req.sessionToken) : null;
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    // An e-ID session ends at the provider too, where it offers that (RP-initiated logout); it sends the person back to us.
    if (ended?.method === 'eid') {
      const settings = await providers.settings(req.tenant);
      const base = (req.tenant.baseUrl ?? config.baseUrl).replace(/\/$/, '');
      const url = settings ? await providers.endSessionUrl(req.tenant.id, settings, ended.idTokenSealed, `${base}/logga-ut/klar`) : null;
      if (url) return reply.header('cache-control', 'no-store').render((ctx) => <LeavingPage ctx={ctx} url={url} />);
    }
    return reply.flash('accounts.signOut.done').redirect('/', 303);
  });

  app.get('/glomt-losenord', async (_req, reply) => reply.render((ctx) => <ForgotPage ctx={ctx} form={formOf()} />));

  app.post('/glomt-losenord', limited, async (req, reply) => {
    const parsed = parseForm(EmailInput, req.body, isKey);
    if (!parsed.ok) return reply.render((ctx) => <ForgotPage ctx={ctx} form={parsed.form} />, 422);
    await requestAccountMail(db, req.tenant.id, parsed.data.email, 'accounts.sendPasswordReset');
    jobs.poke();
    return reply.render((ctx) => <MessagePage ctx={ctx} title={ctx.t('accounts.forgot.sentTitle')} text={ctx.t('accounts.forgot.sentText')} />);
  });

  app.get<{ Querystring: { token?: string } }>('/aterstall-losenord', async (req, reply) => {
    const token = typeof req.query.token === 'string' ? req.query.token.slice(0, 200) : '';
    return reply.render((ctx) => <ResetPage ctx={ctx} form={formOf({ token })} />);
  });

  app.post('/aterstall-losenord', limited, async (req, reply) => {
    const parsed = parseForm(ResetInput, req.body, isKey);
    const token = String((req.body as Record<string, unknown>)?.token ?? '').slice(0, 200);
    if (!parsed.ok) return reply.render((ctx) => <ResetPage ctx={ctx} form={{ ...parsed.form, values: { ...parsed.form.values, token } }} />, 422);
    const result = await resetPassword(db, req.tenant.id, parsed.data.token, parsed.data.password);
    if (!result.ok) return reply.render((ctx) => <ResetPage ctx={ctx} form={formWithErrors(req.body, result.errors)} />, 422);
    return reply.flash('accounts.reset.done').redirect('/logga-in', 303);
  });

  /** The profile's e-ID section: whether e-ID is offered here, and the person's linked e-IDs. */
  const profileEid = async (req: import('fastify').FastifyRequest) => {
    const user = req.actor.user;
    if (!user) throw new SignInRequiredError();
    const [label, identities] = await Promise.all([eidLabel(req.tenant), listIdentities(db, req.tenant.id, user.id)]);
    return label === null && identities.length === 0 ? null : { identities, offered: label !== null };
  };

  app.get('/profil', async (req, reply) => {
    const user = req.actor.user;
    if (!user) throw new SignInRequiredError();
    const [eid, consents] = await Promise.all([profileEid(req), listConsents(db, req.tenant.id, user.id)]);
    return reply.render((ctx) => <ProfilePage ctx={ctx} form={formOf({ name: user.name, lang: user.lang })} eid={eid} consents={consents} />);
  });

  app.post<{ Body: { publicName?: unknown } }>('/profil/samtycken', async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    const given = req.body?.publicName === 'on' || req.body?.publicName === 'true';
    await setConsent(db, req.actor, 'publicName', given, 'profile');
    return reply.flash('accounts.consents.saved').redirect('/profil', 303);
  });

  app.post<{ Params: { id: string } }>('/profil/samtycken/:id/aterkalla', async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    // Another's consent, or one withdrawn already, changes nothing: the answer is the same.
    await withdrawConsent(db, req.actor, req.params.id, 'profile');
    return reply.flash('accounts.consents.saved').redirect('/profil', 303);
  });

  app.post('/profil', async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    const parsed = parseForm(ProfileInput, req.body, isKey);
    if (!parsed.ok) {
      const [eid, consents] = await Promise.all([profileEid(req), listConsents(db, req.tenant.id, req.actor.user.id)]);
      return reply.render((ctx) => <ProfilePage ctx={ctx} form={parsed.form} eid={eid} consents={consents} />, 422);
    }
    await updateProfile(db, req.actor, parsed.data);
    reply.setCookie('lang', parsed.data.lang, cookieOpts);
    return reply.flash('accounts.profile.saved').redirect('/profil', 303);
  });

  app.get('/profil/export', async (req, reply) => {
    const me = req.actor.user;
    if (!me) throw new SignInRequiredError();
    const [user, roles, identities, consentRows, auditRows, ...fromModules] = await Promise.all([
      getUser(db, req.tenant.id, me.id),
      listRoleAssignments(db, req.tenant.id, me.id),
      listIdentities(db, req.tenant.id, me.id),
      listConsents(db, req.tenant.id, me.id),
      listAuditEntriesByActor(db, req.tenant.id, me.id),
      ...registry.personalData.map((p) => p.collect(db, req.tenant.id, me.id)),
    ]);
    if (!user) throw new NotFoundError();
    const { passwordHash: _omit, ...account } = user;
    const data = {
      exportedAt: new Date().toISOString(),
      municipality: req.tenant.name,
      account,
      roles: roles.map(({ id, role, scopeType, scopeId, createdAt }) => ({ id, role, scopeType, scopeId, createdAt })),
      // An e-ID is its provider and when it was linked and used; the personal number is never kept, so never here.
      consents: consentRows.map(({ id, kind, subjectLabel, givenAt, givenVia, withdrawnAt, withdrawnVia }) => ({
        id,
        kind,
        about: subjectLabel || null,
        givenAt,
        givenVia,
        withdrawnAt,
        withdrawnVia,
      })),
      eid: identities.map(({ id, issuer, createdAt, lastUsedAt }) => ({ id, issuer, linkedAt: createdAt, lastUsedAt, personalIdentityNumber: 'not stored' })),
      ...Object.fromEntries(registry.personalData.map((p, i) => [p.module, fromModules[i]])),
      activity: auditRows.map(({ action, recordType, recordId, createdAt, details }) => ({ action, recordType, recordId, createdAt, details })),
    };
    return reply
      .header('content-disposition', 'attachment; filename="motesplats-mina-uppgifter.json"')
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  app.get('/profil/avsluta', async (req, reply) => {
    const user = req.actor.user;
    if (!user) throw new SignInRequiredError();
    const refusals = await erasureRefusals(db, registry, req.tenant.id, user.id);
    return reply.render((ctx) => <CloseAccountPage ctx={ctx} form={formOf()} refusals={refusals} />);
  });

  app.post('/profil/avsluta', async (req, reply) => {
    const user = req.actor.user;
    if (!user) throw new SignInRequiredError();
    const parsed = parseForm(CloseAccountInput, req.body, isKey);
    if (!parsed.ok) {
      const refusals = await erasureRefusals(db, registry, req.tenant.id, user.id);
      return reply.render((ctx) => <CloseAccountPage ctx={ctx} form={parsed.form} refusals={refusals} />, 422);
    }
    const result = await closeAccount(db, registry, req.actor);
    if (!result.ok) return reply.render((ctx) => <CloseAccountPage ctx={ctx} form={formOf()} refusals={result.refusals} />, 409);
    jobs.poke();
    // The sessions are gone with the account; the browser forgets its cookie too.
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return reply.redirect('/konto-avslutat', 303);
  });

  app.get('/konto-avslutat', async (_req, reply) =>
    reply
      .header('cache-control', 'no-store')
      .render((ctx) => <MessagePage ctx={ctx} title={ctx.t('accounts.close.doneTitle')} text={ctx.t('accounts.close.doneText')} />),
  );

  app.get('/admin/anvandare', { schema: { querystring: UsersQuery } }, async (req, reply) => {
    requireAdmin(req.actor);
    const query = req.query as z.output<typeof UsersQuery>;
    const after = cursorFrom(query);
    const page = await listUsers(db, req.tenant.id, { q: query.q?.trim() || undefined, after });
    return reply.render((ctx) => <AdminUsersPage ctx={ctx} q={query.q ?? ''} rows={page.rows} next={page.next} isFirst={!after} />);
  });

  const scopeChoices = async (tenantId: string) =>
    Promise.all(registry.scopes.map(async (s) => ({ kind: s.kind, label: s.label, items: await s.list(db, tenantId) })));

  const renderUser = async (req: import('fastify').FastifyRequest, reply: FastifyReply, userId: string, form = formOf(), status?: number) => {
    const [user, roles, scopes] = await Promise.all([
      getUser(db, req.tenant.id, userId),
      listRoleAssignments(db, req.tenant.id, userId),
      scopeChoices(req.tenant.id),
    ]);
    if (!user) throw new NotFoundError();
    return reply.render((ctx) => <AdminUserPage ctx={ctx} user={user} roles={roles} roleDefs={registry.roles} scopes={scopes} form={form} />, status);
  };

  app.get<{ Params: { id: string } }>('/admin/anvandare/:id', async (req, reply) => {
    requireAdmin(req.actor);
    return renderUser(req, reply, req.params.id);
  });

  app.post<{ Params: { id: string } }>('/admin/anvandare/:id/roller', async (req, reply) => {
    requireAdmin(req.actor);
    const user = await getUser(db, req.tenant.id, req.params.id);
    if (!user) throw new NotFoundError();
    const parsed = parseForm(RoleInput, req.body, isKey);
    if (!parsed.ok) return renderUser(req, reply, user.id, parsed.form, 422);
    const scopeExists = async (kind: string, id: string) => {
      const s = registry.scopes.find((x) => x.kind === kind);
      return !!s && (await s.list(db, req.tenant.id)).some((i) => i.id === id);
    };
    const result = await assignRole(db, req.actor, user.id, parsed.data, registry.roles, scopeExists);
    if (!result.ok) return renderUser(req, reply, user.id, formWithErrors(req.body, result.errors), 422);
    return reply.flash('accounts.admin.roleAssigned').redirect(`/admin/anvandare/${user.id}`, 303);
  });

  app.post<{ Params: { id: string; assignment: string } }>('/admin/anvandare/:id/roller/:assignment/ta-bort', async (req, reply) => {
    requireAdmin(req.actor);
    const user = await getUser(db, req.tenant.id, req.params.id);
    if (!user) throw new NotFoundError();
    const removed = await revokeRole(db, req.actor, user.id, req.params.assignment);
    if (!removed) throw new NotFoundError();
    // Whoever lost a role loses it now, not at their next sign-in: roles are read per request.
    return reply.flash('accounts.admin.roleRevoked').redirect(`/admin/anvandare/${user.id}`, 303);
  });

  app.post<{ Params: { id: string }; Body: { disabled?: string } }>('/admin/anvandare/:id/sparr', async (req, reply) => {
    requireAdmin(req.actor);
    const user = await getUser(db, req.tenant.id, req.params.id);
    if (!user) throw new NotFoundError();
    const disabled = req.body?.disabled === 'true';
    const result = await setUserDisabled(db, req.actor, user.id, disabled);
    if (!result.ok) return renderUser(req, reply, user.id, formWithErrors({}, result.errors), 409);
    return reply.flash(disabled ? 'accounts.admin.disabled' : 'accounts.admin.enabled').redirect(`/admin/anvandare/${user.id}`, 303);
  });
}
