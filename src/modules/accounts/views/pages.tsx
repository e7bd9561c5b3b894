import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime } from '../../../platform/i18n/index.js';
import { Checkbox, ErrorSummary, Form, Submit, TextField } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { Consent } from '../consents.js';
import { EidButton, type IdentityLine, ProfileEid } from '../eid/views.js';
import type { ErasureRefusal } from '../erasure.js';
import { LanguageField } from './fields.js';

type Props = { ctx: PageContext; form: FormState };

/** A new password and its confirmation, as sign-up and password reset ask for them. */
function NewPasswordFields({ ctx, form, label }: { ctx: PageContext; form: FormState; label: string }) {
  const { t } = ctx;
  return (
    <>
      <TextField
        ctx={ctx}
        form={form}
        name="password"
        type="password"
        label={label}
        hint={t('accounts.fields.passwordHint')}
        autocomplete="new-password"
        required
      />
      <TextField
        ctx={ctx}
        form={form}
        name="passwordConfirm"
        type="password"
        label={t('accounts.fields.passwordConfirm')}
        autocomplete="new-password"
        required
      />
    </>
  );
}

/** Create an account with e-mail and password. */
export function SignUpPage({ ctx, form }: Props) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.signUp.title')} breadcrumbs={[{ label: t('accounts.signUp.title') }]}>
      <h1>{t('accounts.signUp.title')}</h1>
      <p>{t('accounts.signUp.intro')}</p>
      <Form ctx={ctx} action="/registrera">
        <ErrorSummary ctx={ctx} form={form} />
        <TextField ctx={ctx} form={form} name="name" label={t('accounts.fields.name')} autocomplete="name" required maxLength={120} />
        <TextField ctx={ctx} form={form} name="email" type="email" label={t('accounts.fields.email')} autocomplete="email" required maxLength={320} />
        <NewPasswordFields ctx={ctx} form={form} label={t('accounts.fields.password')} />
        <p class="hint">{t('accounts.signUp.privacy')}</p>
        <Submit>{t('accounts.signUp.submit')}</Submit>
      </Form>
      <p>
        {t('accounts.signUp.haveAccount')} <a href="/logga-in">{t('accounts.signIn.title')}</a>
      </p>
    </Layout>
  );
}

/** Sign in with e-ID, where the municipality offers it (`eid`: the button's text, '' for the standard one), or with e-mail and password. */
export function SignInPage({ ctx, form, eid = null }: Props & { eid?: string | null }) {
  const { t } = ctx;
  const unverified = form.errors.email?.key === 'accounts.errors.unverified';
  return (
    <Layout ctx={ctx} title={t('accounts.signIn.title')} breadcrumbs={[{ label: t('accounts.signIn.title') }]}>
      <h1>{t('accounts.signIn.title')}</h1>
      {eid !== null ? (
        <>
          <EidButton ctx={ctx} label={eid} next={form.values.next ?? '/'} />
          <p class="eid-divider">{t('accounts.eid.or')}</p>
        </>
      ) : null}
      <Form ctx={ctx} action="/logga-in">
        <ErrorSummary ctx={ctx} form={form} />
        <input type="hidden" name="next" value={form.values.next ?? '/'} />
        <TextField ctx={ctx} form={form} name="email" type="email" label={t('accounts.fields.email')} autocomplete="username" required />
        <TextField ctx={ctx} form={form} name="password" type="password" label={t('accounts.fields.password')} autocomplete="current-password" required />
        <Submit>{t('accounts.signIn.submit')}</Submit>
      </Form>
      {unverified ? <ResendForm ctx={ctx} email={form.values.email ?? ''} /> : null}
      <ul class="link-list">
        <li>
          <a href="/glomt-losenord">{t('accounts.forgot.title')}</a>
        </li>
        <li>
          <a href="/registrera">{t('accounts.signUp.title')}</a>
        </li>
      </ul>
    </Layout>
  );
}

function ResendForm({ ctx, email }: { ctx: PageContext; email: string }) {
  return (
    <Form ctx={ctx} action="/verifiera/skicka-igen" class="secondary-form">
      <h2>{ctx.t('accounts.verify.resendTitle')}</h2>
      <TextField
        ctx={ctx}
        form={{ values: { email }, errors: {} }}
        name="email"
        type="email"
        label={ctx.t('accounts.fields.email')}
        autocomplete="email"
        required
      />
      <Submit secondary>{ctx.t('accounts.verify.resend')}</Submit>
    </Form>
  );
}

/** Ask for a password reset link. */
export function ForgotPage({ ctx, form }: Props) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('accounts.forgot.title')}
      breadcrumbs={[{ href: '/logga-in', label: t('accounts.signIn.title') }, { label: t('accounts.forgot.title') }]}
    >
      <h1>{t('accounts.forgot.title')}</h1>
      <p>{t('accounts.forgot.intro')}</p>
      <Form ctx={ctx} action="/glomt-losenord">
        <ErrorSummary ctx={ctx} form={form} />
        <TextField ctx={ctx} form={form} name="email" type="email" label={t('accounts.fields.email')} autocomplete="email" required />
        <Submit>{t('accounts.forgot.submit')}</Submit>
      </Form>
    </Layout>
  );
}

/** Choose a new password with the link from the reset mail. */
export function ResetPage({ ctx, form }: Props) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.reset.title')} breadcrumbs={[{ label: t('accounts.reset.title') }]}>
      <h1>{t('accounts.reset.title')}</h1>
      <Form ctx={ctx} action="/aterstall-losenord">
        <ErrorSummary ctx={ctx} form={form} />
        <input type="hidden" name="token" value={form.values.token ?? ''} />
        <NewPasswordFields ctx={ctx} form={form} label={t('accounts.fields.newPassword')} />
        <Submit>{t('accounts.reset.submit')}</Submit>
      </Form>
      {form.errors.password?.key === 'accounts.errors.tokenInvalid' ? (
        <p>
          <a href="/glomt-losenord">{t('accounts.reset.again')}</a>
        </p>
      ) : null}
    </Layout>
  );
}

/** The person's own profile: name, language, e-ID, and their data. */
export function ProfilePage({
  ctx,
  form,
  eid = null,
  consents = [],
}: Props & { eid?: { identities: IdentityLine[]; offered: boolean } | null; consents?: Consent[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.profile.title')} breadcrumbs={[{ label: t('accounts.profile.title') }]}>
      <h1>{t('accounts.profile.title')}</h1>
      <p>
        {t('accounts.fields.email')}: <strong>{ctx.actor.user?.email}</strong>
      </p>
      <Form ctx={ctx} action="/profil">
        <ErrorSummary ctx={ctx} form={form} />
        <TextField ctx={ctx} form={form} name="name" label={t('accounts.fields.name')} autocomplete="name" required maxLength={120} />
        <LanguageField ctx={ctx} form={form} />
        <Submit>{t('platform.form.save')}</Submit>
      </Form>
      {eid ? <ProfileEid ctx={ctx} identities={eid.identities} offered={eid.offered} /> : null}
      <PublicName ctx={ctx} consents={consents} />
      <h2>{t('accounts.profile.notificationsTitle')}</h2>
      <FollowedMail ctx={ctx} consents={consents} />
      <ul class="link-list">
        <li>
          <a href="/profil/epost">{t('platform.mailSettings.link')}</a>
        </li>
        <li>
          <a href="/mina-bevakningar">{t('platform.notifications.myFollows')}</a>
        </li>
      </ul>
      <h2>{t('accounts.profile.dataTitle')}</h2>
      <p>{t('accounts.profile.dataText')}</p>
      <p>
        <a class="button button--secondary" href="/profil/export" download>
          {t('accounts.profile.export')}
        </a>
      </p>
      <h2>{t('accounts.close.title')}</h2>
      <p>{t('accounts.close.profileText')}</p>
      <p>
        <a href="/profil/avsluta">{t('accounts.close.link')}</a>
      </p>
    </Layout>
  );
}

/** A short message page (mail sent, link expired). */
export function MessagePage({ ctx, title, text, resend }: { ctx: PageContext; title: string; text: string; resend?: boolean }) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{text}</p>
      {resend ? <ResendForm ctx={ctx} email="" /> : null}
    </Layout>
  );
}

/** Where a consent was given or withdrawn, as the person reads it. */
function consentVia(ctx: PageContext, via: string | null): string {
  const { t } = ctx;
  if (via === 'profile') return t('accounts.consents.viaProfile');
  if (via === 'mailSettings') return t('accounts.consents.viaMailSettings');
  if (via === 'unsubscribe') return t('accounts.consents.viaUnsubscribe');
  return t('accounts.consents.viaForm', { form: via ?? '' });
}

/** The history of a person's general consent of one kind: when given and withdrawn, and how. */
function ConsentHistory({ ctx, rows }: { ctx: PageContext; rows: Consent[] }) {
  const { t } = ctx;
  const when = (d: Date) => formatDateTime(ctx.lang, d, ctx.timeZone);
  if (rows.length === 0) return null;
  return (
    <>
      <h3>{t('accounts.consents.history')}</h3>
      <ul class="link-list">
        {rows.map((c) => (
          <li key={c.id}>
            {t('accounts.consents.given', { when: when(c.givenAt), how: consentVia(ctx, c.givenVia) })}
            {c.withdrawnAt
              ? ` ${t('accounts.consents.withdrawn', { when: when(c.withdrawnAt), how: consentVia(ctx, c.withdrawnVia) })}`
              : ` ${t('accounts.consents.inForce')}`}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Mail about what the person follows: the choices kept as consents, and one button that stops it all. */
function FollowedMail({ ctx, consents }: { ctx: PageContext; consents: Consent[] }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="followed-mail-heading">
      <h3 id="followed-mail-heading">{t('accounts.consents.followedMailTitle')}</h3>
      <p>{t('accounts.consents.followedMailIntro')}</p>
      <Form ctx={ctx} action="/profil/epost/stoppa">
        <Submit secondary>{t('accounts.consents.followedMailStop')}</Submit>
      </Form>
      <ConsentHistory ctx={ctx} rows={consents.filter((c) => c.kind === 'followedMail')} />
    </section>
  );
}

/** Whether the person is named in public records, with the history of that choice. */
function PublicName({ ctx, consents }: { ctx: PageContext; consents: Consent[] }) {
  const { t } = ctx;
  const mine = consents.filter((c) => c.kind === 'publicName' && c.subject === '');
  const inForce = mine.some((c) => !c.withdrawnAt);
  // Choices made on a form for one record (a question): each withdrawn on its own.
  const onRecords = consents.filter((c) => c.kind === 'publicName' && c.subject !== '');
  const when = (d: Date) => formatDateTime(ctx.lang, d, ctx.timeZone);
  return (
    <section aria-labelledby="consents-heading">
      <h2 id="consents-heading">{t('accounts.consents.title')}</h2>
      <p>{t('accounts.consents.publicNameIntro')}</p>
      <Form ctx={ctx} action="/profil/samtycken">
        <div class="field field--check">
          <input id="f-publicName" type="checkbox" name="publicName" checked={inForce} />
          <label for="f-publicName">{t('accounts.consents.publicName')}</label>
        </div>
        <Submit secondary>{t('accounts.consents.save')}</Submit>
      </Form>
      <ConsentHistory ctx={ctx} rows={mine} />
      {onRecords.length > 0 ? (
        <>
          <h3>{t('accounts.consents.onRecords')}</h3>
          <ul class="link-list">
            {onRecords.map((c) => (
              <li key={c.id}>
                {t('accounts.consents.onRecord', { record: c.subjectLabel, when: when(c.givenAt), how: consentVia(ctx, c.givenVia) })}
                {c.withdrawnAt ? (
                  ` ${t('accounts.consents.withdrawn', { when: when(c.withdrawnAt), how: consentVia(ctx, c.withdrawnVia) })}`
                ) : (
                  <Form ctx={ctx} action={`/profil/samtycken/${c.id}/aterkalla`} class="inline-form">
                    <Submit secondary>{t('accounts.consents.withdrawOne', { record: c.subjectLabel })}</Submit>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/**
 * Closing one's account: what is erased, what the municipality keeps and why, and what must be
 * handed over first (`refusals`); the form asks the person to confirm, and works without JavaScript.
 */
export function CloseAccountPage({ ctx, form, refusals }: Props & { refusals: ErasureRefusal[] }) {
  const { t } = ctx;
  const title = t('accounts.close.title');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/profil', label: t('accounts.profile.title') }, { label: title }]}>
      <h1>{title}</h1>
      <p>{t('accounts.close.intro')}</p>
      <h2>{t('accounts.close.erasedTitle')}</h2>
      <ul>
        <li>{t('accounts.close.erased.account')}</li>
        <li>{t('accounts.close.erased.activity')}</li>
        <li>{t('accounts.close.erased.memberships')}</li>
      </ul>
      <h2>{t('accounts.close.keptTitle')}</h2>
      <p>{t('accounts.close.keptIntro')}</p>
      <ul>
        <li>{t('accounts.close.kept.questions')}</li>
        <li>{t('accounts.close.kept.minutes')}</li>
        <li>{t('accounts.close.kept.grants')}</li>
        <li>{t('accounts.close.kept.audit')}</li>
      </ul>
      <p>{t('accounts.close.exportFirst')}</p>
      {refusals.length > 0 ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>{t('accounts.close.refusedTitle')}</h2>
          <ul>
            {refusals.map((r) => (
              <li key={r.key}>{ctx.tr(r.key, r.values)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <Form ctx={ctx} action="/profil/avsluta">
          <ErrorSummary ctx={ctx} form={form} />
          <Checkbox ctx={ctx} form={form} name="confirm" label={t('accounts.close.confirm')} hint={t('accounts.close.confirmHint')} />
          <Submit>{t('accounts.close.submit')}</Submit>
        </Form>
      )}
    </Layout>
  );
}
