import type { AuditEntry } from '../audit/index.js';
import type { FormState } from '../http/forms.js';
import { formatDateTime } from '../i18n/index.js';
import type { OutboxMessage } from '../mail/index.js';
import type { ProcessingDeclaration } from '../module.js';
import type { RetentionPeriod } from '../retention/index.js';
import { ErrorSummary, Form, Pagination, Submit, Table, TextArea, TextField, withQuery } from './components.js';
import type { PageContext } from './context.js';
import { Layout } from './layout.js';

type Ctx = { ctx: PageContext };

/** The accessibility statement (tillgänglighetsredogörelse) with its feedback form. */
export function AccessibilityPage({ ctx, form }: Ctx & { form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('platform.a11y.title')} breadcrumbs={[{ label: t('platform.a11y.title') }]}>
      <h1>{t('platform.a11y.title')}</h1>
      <p>{t('platform.a11y.intro', { tenant: ctx.tenantName })}</p>
      <h2>{t('platform.a11y.statusTitle')}</h2>
      <p>{t('platform.a11y.status')}</p>
      <h2>{t('platform.a11y.gapsTitle')}</h2>
      <p>{t('platform.a11y.gaps')}</p>
      <h2>{t('platform.a11y.methodTitle')}</h2>
      <p>{t('platform.a11y.method')}</p>
      <h2 id="rapportera">{t('platform.a11y.feedbackTitle')}</h2>
      <p>{t('platform.a11y.feedbackIntro')}</p>
      <Form ctx={ctx} action="/tillganglighet">
        <ErrorSummary ctx={ctx} form={form} />
        <TextArea ctx={ctx} form={form} name="message" label={t('platform.a11y.message')} hint={t('platform.a11y.messageHint')} required maxLength={5000} />
        <TextField ctx={ctx} form={form} name="page" label={t('platform.a11y.page')} maxLength={500} />
        <TextField ctx={ctx} form={form} name="email" type="email" autocomplete="email" label={t('platform.a11y.email')} hint={t('platform.a11y.emailHint')} />
        <Submit>{t('platform.a11y.send')}</Submit>
      </Form>
      <h2>{t('platform.a11y.supervisionTitle')}</h2>
      <p>
        {t('platform.a11y.supervision')} <a href="https://www.digg.se/tdosanmalan">{t('platform.a11y.supervisionLink')}</a>.
      </p>
    </Layout>
  );
}

/** The register of processing: what the modules declare they keep, why, on what basis, how long, who sees it; the person's rights and the cookies. */
export function PrivacyPage({ ctx, processing, periods, contact }: Ctx & { processing: ProcessingDeclaration[]; periods: RetentionPeriod[]; contact: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('platform.privacy.title')} breadcrumbs={[{ label: t('platform.privacy.title') }]}>
      <h1>{t('platform.privacy.title')}</h1>
      <p>{t('platform.privacy.intro', { tenant: ctx.tenantName })}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('platform.privacy.data')}</th>
              <th scope="col">{t('platform.privacy.purpose')}</th>
              <th scope="col">{t('platform.privacy.basis')}</th>
              <th scope="col">{t('platform.privacy.retention')}</th>
              <th scope="col">{t('platform.privacy.audience')}</th>
            </tr>
          </thead>
          <tbody>
            {processing.map((p) => (
              <tr key={p.data}>
                <th scope="row">{t(p.data)}</th>
                <td>{t(p.purpose)}</td>
                <td>{t(`platform.privacy.bases.${p.basis}`)}</td>
                <td>{t(p.retention)}</td>
                <td>{t(p.audience)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('platform.retention.publicTitle')}</h2>
      <p>{t('platform.retention.publicIntro', { tenant: ctx.tenantName })}</p>
      <ul>
        {periods.map((p) => (
          <li key={p.kind.kind}>
            {t('platform.retention.publicLine', {
              what: t(p.kind.label),
              days: p.days,
              from: t(p.kind.from),
              action: t(`platform.retention.actions.${p.kind.action}`),
            })}
          </li>
        ))}
      </ul>
      <h2>{t('platform.privacy.rightsTitle')}</h2>
      <ul>
        <li>
          {t('platform.privacy.copy')} <a href="/profil">{t('platform.privacy.profileLink')}</a>
        </li>
        <li>{t('platform.privacy.correct')}</li>
        {contact ? <li>{t('platform.privacy.contact', { email: contact })}</li> : null}
        <li>
          {t('platform.privacy.complain')} <a href="https://www.imy.se/">imy.se</a>
        </li>
      </ul>
      <h2>{t('platform.privacy.cookiesTitle')}</h2>
      <p>{t('platform.privacy.cookies')}</p>
    </Layout>
  );
}

/** What Mötesplats is. */
export function AboutPage({ ctx }: Ctx) {
  return (
    <Layout ctx={ctx} title={ctx.t('platform.about.title')} breadcrumbs={[{ label: ctx.t('platform.about.title') }]}>
      <h1>{ctx.t('platform.about.title')}</h1>
      <p>{ctx.t('platform.about.text', { tenant: ctx.tenantName })}</p>
    </Layout>
  );
}

/** The administration start page: links to each module's administration. */
export function AdminPage({ ctx, links }: Ctx & { links: { href: string; label: string }[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('platform.admin.title')} breadcrumbs={[{ label: t('platform.admin.title') }]}>
      <h1>{t('platform.admin.title')}</h1>
      <p>{t('platform.admin.intro')}</p>
      <ul class="link-list">
        {links.map((l) => (
          <li key={l.href}>
            <a href={l.href}>{l.label}</a>
          </li>
        ))}
        <li>
          <a href="/admin/logg">{t('platform.admin.auditLink')}</a>
        </li>
        <li>
          <a href="/admin/gallring">{t('platform.retention.title')}</a>
        </li>
      </ul>
    </Layout>
  );
}

/** The audit log with its filters. */
export function AuditPage({ ctx, form, rows, next, isFirst }: Ctx & { form: FormState; rows: AuditEntry[]; next?: number; isFirst: boolean }) {
  const { t } = ctx;
  const v = form.values;
  return (
    <Layout
      ctx={ctx}
      title={t('platform.audit.title')}
      breadcrumbs={[{ href: '/admin', label: t('platform.admin.title') }, { label: t('platform.audit.title') }]}
    >
      <h1>{t('platform.audit.title')}</h1>
      <p>{t('platform.audit.intro')}</p>
      <form method="get" action="/admin/logg" class="filters">
        <ErrorSummary ctx={ctx} form={form} />
        <TextField ctx={ctx} form={form} name="person" label={t('platform.audit.person')} hint={t('platform.audit.personHint')} />
        <TextField ctx={ctx} form={form} name="record" label={t('platform.audit.record')} hint={t('platform.audit.recordHint')} />
        <TextField ctx={ctx} form={form} name="from" type="date" label={t('platform.audit.from')} />
        <TextField ctx={ctx} form={form} name="to" type="date" label={t('platform.audit.to')} />
        <Submit>{t('platform.form.filter')}</Submit>
      </form>
      {rows.length === 0 ? (
        <p>{t('platform.audit.empty')}</p>
      ) : (
        <Table
          caption={t('platform.audit.caption')}
          rows={rows}
          rowKey={(r) => String(r.id)}
          columns={[
            {
              header: t('platform.audit.when'),
              cell: (r) => <time datetime={r.createdAt.toISOString()}>{formatDateTime(ctx.lang, r.createdAt, ctx.timeZone)}</time>,
            },
            { header: t('platform.audit.who'), cell: (r) => r.actorLabel },
            { header: t('platform.audit.action'), cell: (r) => <code>{r.action}</code> },
            { header: t('platform.audit.what'), cell: (r) => `${r.recordType} ${r.recordId}` },
          ]}
        />
      )}
      <Pagination
        ctx={ctx}
        isFirst={isFirst}
        firstHref={withQuery('/admin/logg', v)}
        nextHref={next ? withQuery('/admin/logg', { ...v, before: next }) : undefined}
      />
    </Layout>
  );
}

/** The development outbox: mail that would have been sent. */
export function OutboxPage({ ctx, messages }: Ctx & { messages: OutboxMessage[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('platform.outbox.title')}>
      <h1>{t('platform.outbox.title')}</h1>
      <p>{t('platform.outbox.intro')}</p>
      {messages.length === 0 ? <p>{t('platform.outbox.empty')}</p> : null}
      {messages.map((m) => (
        <article class="mail" key={m.id}>
          <h2>{m.subject}</h2>
          <dl class="meta">
            <dt>{t('platform.outbox.to')}</dt>
            <dd>{m.to}</dd>
            <dt>{t('platform.outbox.sentAt')}</dt>
            <dd>{formatDateTime(ctx.lang, m.createdAt, ctx.timeZone)}</dd>
            {Object.entries(m.headers).map(([name, value]) => (
              <>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </>
            ))}
          </dl>
          <pre class="mail__body">{linkify(m.text)}</pre>
          {m.html ? (
            <p>
              <a href={`/dev/outbox/${m.id}/html`}>{t('platform.outbox.html')}</a>
            </p>
          ) : null}
        </article>
      ))}
    </Layout>
  );
}

/** Turns the links in a plain-text mail into anchors (the rest stays escaped text). */
function linkify(text: string) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return parts.map((p, i) => (i % 2 === 1 ? <a href={p}>{p}</a> : p));
}

/** The municipality's periods of retention (its gallringsbeslut): one field per kind of record, empty for the default. */
export function RetentionPage({ ctx, form, periods }: Ctx & { form: FormState; periods: RetentionPeriod[] }) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('platform.retention.title')}
      breadcrumbs={[{ href: '/admin', label: t('platform.admin.title') }, { label: t('platform.retention.title') }]}
    >
      <h1>{t('platform.retention.title')}</h1>
      <p>{t('platform.retention.intro')}</p>
      <Form ctx={ctx} action="/admin/gallring">
        <ErrorSummary ctx={ctx} form={form} />
        {periods.map((p) => (
          <TextField
            key={p.kind.kind}
            ctx={ctx}
            form={form}
            name={p.kind.kind}
            label={t('platform.retention.field', { what: t(p.kind.label) })}
            hint={t('platform.retention.hint', {
              from: t(p.kind.from),
              action: t(`platform.retention.actions.${p.kind.action}`),
              days: p.kind.defaultDays,
            })}
          />
        ))}
        <Submit>{t('platform.form.save')}</Submit>
      </Form>
    </Layout>
  );
}
