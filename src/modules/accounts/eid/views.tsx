import type { FormState } from '../../../platform/http/forms.js';
import { formatDate } from '../../../platform/i18n/index.js';
import { ErrorSummary, Form, SelectField, Submit, TextField, withQuery } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { LanguageField } from '../views/fields.js';
import type { EidFailure } from './provider.js';

/**
 * The e-ID button: a link, so it works without JavaScript, and the trip to the provider is a
 * navigation (a form's redirect to another site would be stopped by our form-action policy).
 * The trip is bound to this browser by its state cookie, so a link started elsewhere does nothing.
 */
export function EidButton({ ctx, label, next, href = '/logga-in/oidc' }: { ctx: PageContext; label: string; next?: string; href?: string }) {
  return (
    <p class="eid-form">
      <a class="button button--eid" href={next !== undefined ? withQuery(href, { next }) : href}>
        {label || ctx.t('accounts.eid.button')}
      </a>
    </p>
  );
}

/** Why an e-ID sign-in stopped, what to do now, and the ways to go on. */
export function EidErrorPage({ ctx, failure, code, label }: { ctx: PageContext; failure: EidFailure; code?: string; label: string | null }) {
  const { t } = ctx;
  const title = t(`accounts.eid.failures.${failure}.title`);
  const retry = label !== null && !['disabled', 'notConfigured', 'linkedElsewhere', 'misconfigured'].includes(failure);
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/logga-in', label: t('accounts.signIn.title') }, { label: title }]}>
      <h1>{title}</h1>
      <p>{t(`accounts.eid.failures.${failure}.text`)}</p>
      {code ? (
        <p class="hint">
          {t('accounts.eid.providerCode')} <code>{code}</code>
        </p>
      ) : null}
      {retry ? <EidButton ctx={ctx} label={t('accounts.eid.tryAgain')} next="/" /> : null}
      <ul class="link-list">
        <li>
          <a href="/logga-in">{t('accounts.eid.passwordInstead')}</a>
        </li>
        <li>
          <a href="/">{t('accounts.eid.toStart')}</a>
        </li>
      </ul>
    </Layout>
  );
}

/** A first e-ID sign-in: the new account's name, address and language, filled in from what the provider said. */
export function NewAccountPage({ ctx, form, emailVerified }: { ctx: PageContext; form: FormState; emailVerified: string | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.eid.newTitle')} breadcrumbs={[{ label: t('accounts.eid.newTitle') }]}>
      <h1>{t('accounts.eid.newTitle')}</h1>
      <p>{t('accounts.eid.newIntro')}</p>
      <Form ctx={ctx} action="/logga-in/oidc/nytt-konto">
        <ErrorSummary ctx={ctx} form={form} />
        <TextField ctx={ctx} form={form} name="name" label={t('accounts.fields.name')} autocomplete="name" required maxLength={120} />
        <TextField
          ctx={ctx}
          form={form}
          name="email"
          type="email"
          label={t('accounts.fields.email')}
          hint={emailVerified ? t('accounts.eid.emailFromProvider') : t('accounts.eid.emailConfirm')}
          autocomplete="email"
          required
          maxLength={320}
        />
        <LanguageField ctx={ctx} form={form} />
        <p class="hint">{t('accounts.eid.newPrivacy')}</p>
        <Submit>{t('accounts.eid.newSubmit')}</Submit>
      </Form>
      {form.errors.email?.key === 'accounts.eid.errors.emailTaken' ? (
        <p>
          <a href="/logga-in?next=/profil">{t('accounts.eid.signInToLink')}</a>
        </p>
      ) : null}
    </Layout>
  );
}

export interface IdentityLine {
  id: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** The profile's e-ID section: linked or not (never the number), link, unlink. */
export function ProfileEid({ ctx, identities, offered }: { ctx: PageContext; identities: IdentityLine[]; offered: boolean }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="eid-heading">
      <h2 id="eid-heading">{t('accounts.eid.profileTitle')}</h2>
      {identities.length === 0 ? (
        <>
          <p>{t('accounts.eid.notLinked')}</p>
          {offered ? <EidButton ctx={ctx} label={t('accounts.eid.link')} href="/profil/e-legitimation" /> : null}
        </>
      ) : (
        <ul class="link-list">
          {identities.map((i) => (
            <li key={i.id}>
              <p>
                <strong>{t('accounts.eid.linked')}</strong>{' '}
                {t('accounts.eid.linkedSince', {
                  date: formatDate(ctx.lang, i.createdAt, ctx.timeZone),
                  last: i.lastUsedAt ? formatDate(ctx.lang, i.lastUsedAt, ctx.timeZone) : '–',
                })}
              </p>
              <Form ctx={ctx} action={`/profil/e-legitimation/${i.id}/ta-bort`}>
                <Submit secondary>{t('accounts.eid.unlink')}</Submit>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Signed out here; on to the provider's sign-out. A page, not a redirect: a form's redirect to
 * another site would be stopped by our form-action policy. It moves on at once, and the link is
 * there for a browser that does not follow the refresh.
 */
export function LeavingPage({ ctx, url }: { ctx: PageContext; url: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.signOut.done')} head={<meta http-equiv="refresh" content={`0;url=${url}`} />}>
      <h1>{t('accounts.signOut.done')}</h1>
      <p>{t('accounts.eid.leavingText')}</p>
      <p>
        <a class="button" href={url}>
          {t('accounts.eid.leavingLink')}
        </a>
      </p>
    </Layout>
  );
}

/** After signing out at the provider too. */
export function SignedOutPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.signOut.done')}>
      <h1>{t('accounts.signOut.done')}</h1>
      <p>{t('accounts.eid.signedOutText')}</p>
      <p>
        <a href="/logga-in">{t('accounts.signIn.title')}</a>
      </p>
    </Layout>
  );
}

/** The administrator's settings of the municipality's OpenID provider. */
export function AdminEidPage({
  ctx,
  form,
  source,
  redirectUri,
  postLogoutUri,
  secretSaved,
}: {
  ctx: PageContext;
  form: FormState;
  source: 'admin' | 'environment' | null;
  redirectUri: string;
  postLogoutUri: string;
  secretSaved: boolean;
}) {
  const { t } = ctx;
  const title = t('accounts.eid.admin.title');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/admin', label: t('platform.nav.admin') }, { label: title }]}>
      <h1>{title}</h1>
      <p>{t('accounts.eid.admin.intro')}</p>
      <p>
        {source === 'environment'
          ? t('accounts.eid.admin.fromEnvironment')
          : source === 'admin'
            ? t('accounts.eid.admin.fromSettings')
            : t('accounts.eid.admin.none')}
      </p>
      <dl class="facts">
        <dt>{t('accounts.eid.admin.redirectUri')}</dt>
        <dd>
          <code>{redirectUri}</code>
        </dd>
        <dt>{t('accounts.eid.admin.postLogoutUri')}</dt>
        <dd>
          <code>{postLogoutUri}</code>
        </dd>
      </dl>
      <Form ctx={ctx} action="/admin/e-legitimation">
        <ErrorSummary ctx={ctx} form={form} />
        <TextField
          ctx={ctx}
          form={form}
          name="issuer"
          type="url"
          label={t('accounts.eid.admin.issuer')}
          hint={t('accounts.eid.admin.issuerHint')}
          maxLength={500}
        />
        <TextField ctx={ctx} form={form} name="clientId" label={t('accounts.eid.admin.clientId')} maxLength={500} />
        <TextField
          ctx={ctx}
          form={form}
          name="clientSecret"
          type="password"
          label={t('accounts.eid.admin.clientSecret')}
          hint={secretSaved ? t('accounts.eid.admin.secretSaved') : undefined}
          autocomplete="off"
          maxLength={2000}
        />
        <TextField ctx={ctx} form={form} name="label" label={t('accounts.eid.admin.label')} hint={t('accounts.eid.admin.labelHint')} maxLength={100} />
        <TextField ctx={ctx} form={form} name="scope" label={t('accounts.eid.admin.scope')} hint={t('accounts.eid.admin.scopeHint')} maxLength={500} />
        <SelectField
          ctx={ctx}
          form={form}
          name="staffLevel"
          label={t('accounts.eid.admin.staffLevel')}
          hint={t('accounts.eid.admin.staffLevelHint')}
          options={[
            { value: '', label: t('accounts.eid.admin.levels.none') },
            { value: '0', label: t('accounts.eid.admin.levels.any') },
            { value: '2', label: t('accounts.eid.admin.levels.2') },
            { value: '3', label: t('accounts.eid.admin.levels.3') },
            { value: '4', label: t('accounts.eid.admin.levels.4') },
          ]}
        />
        <Submit>{t('platform.form.save')}</Submit>
      </Form>
    </Layout>
  );
}
