import type { FormState } from '../http/forms.js';
import { formatDateTime, type MessageKey } from '../i18n/index.js';
import { Breadcrumbs, ErrorSummary, Form, Pagination, Submit } from '../views/components.js';
import type { PageContext } from '../views/context.js';
import { Layout } from '../views/layout.js';
import type { Notification } from './index.js';
import { DELIVERIES } from './mail.js';

type Ctx = { ctx: PageContext };

/** The follow or stop-following button on a followable record's page: a plain form that works without JavaScript. */
export function FollowButton({ ctx, kind, id, name, following, back }: Ctx & { kind: string; id: string; name: string; following: boolean; back: string }) {
  const { t } = ctx;
  if (!ctx.actor.user) return null;
  return (
    <Form ctx={ctx} action="/bevakningar" class="inline-form follow-form">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="back" value={back} />
      {following ? <p>{t('platform.notifications.following', { name })}</p> : <p class="hint">{t('platform.notifications.followHint')}</p>}
      <button type="submit" name="action" value={following ? 'unfollow' : 'follow'} class="button button--secondary">
        {following ? t('platform.notifications.unfollow') : t('platform.notifications.follow')}
      </button>
    </Form>
  );
}

/** A person's notifications, newest first, with the way to mark them read. */
export function NotificationsPage({ ctx, rows, next, isFirst }: Ctx & { rows: Notification[]; next?: string; isFirst: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('platform.notifications.title')}>
      <h1>{t('platform.notifications.title')}</h1>
      <p class="lead">{t('platform.notifications.intro')}</p>
      <p>
        <a href="/mina-bevakningar">{t('platform.notifications.myFollows')}</a>
      </p>
      {rows.length === 0 ? <p>{t('platform.notifications.none')}</p> : null}
      {rows.some((n) => !n.readAt) ? (
        <Form ctx={ctx} action="/notiser/las-alla">
          <button type="submit" class="button button--secondary">
            {t('platform.notifications.markAllRead')}
          </button>
        </Form>
      ) : null}
      <ul class="notifications">
        {rows.map((n) => (
          <li key={n.id} class={n.readAt ? 'notification' : 'notification notification--unread'}>
            {n.readAt ? null : <span class="tag">{t('platform.notifications.unread')}</span>} <a href={n.link}>{ctx.tr(n.messageKey as MessageKey, n.vars)}</a>{' '}
            <span class="hint">{formatDateTime(ctx.lang, n.createdAt, ctx.timeZone)}</span>
          </li>
        ))}
      </ul>
      <Pagination ctx={ctx} firstHref="/notiser" nextHref={next} isFirst={isFirst} />
    </Layout>
  );
}

/** What a person follows, by kind, each with the way to stop. */
export function FollowsPage({
  ctx,
  groups,
}: Ctx & { groups: { label: MessageKey; kind: string; items: { id: string; name: string | null; href: string | null }[] }[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('platform.notifications.followsTitle')}>
      <h1>{t('platform.notifications.followsTitle')}</h1>
      <p class="lead">{t('platform.notifications.followsIntro')}</p>
      {groups.every((g) => g.items.length === 0) ? <p>{t('platform.notifications.followsNone')}</p> : null}
      {groups
        .filter((g) => g.items.length)
        .map((g) => (
          <section key={g.kind}>
            <h2>{t(g.label)}</h2>
            <ul class="link-list">
              {g.items.map((i) => (
                <li key={i.id}>
                  {i.href ? <a href={i.href}>{i.name}</a> : <span>{t('platform.notifications.gone')}</span>}{' '}
                  <Form ctx={ctx} action="/bevakningar" class="inline-form">
                    <input type="hidden" name="kind" value={g.kind} />
                    <input type="hidden" name="id" value={i.id} />
                    <input type="hidden" name="back" value="/mina-bevakningar" />
                    <button type="submit" name="action" value="unfollow" class="link-button">
                      {t('platform.notifications.unfollow')}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </Layout>
  );
}

/** The person's mail choices, one group of radio buttons per kind of notice. */
export function MailSettingsPage({ ctx, kinds, form }: Ctx & { kinds: { kind: string; label: MessageKey; personal: boolean }[]; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('platform.mailSettings.title')}>
      <Breadcrumbs ctx={ctx} items={[{ href: '/profil', label: t('platform.mailSettings.profile') }, { label: t('platform.mailSettings.title') }]} />
      <h1>{t('platform.mailSettings.title')}</h1>
      <p class="lead">{t('platform.mailSettings.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action="/profil/epost">
        {kinds.map((k, i) => {
          const error = form.errors[k.kind];
          return (
            <fieldset key={k.kind} aria-describedby={error ? `kind-${i}-error` : undefined}>
              <legend>{t(k.label)}</legend>
              <p class="hint">{t(k.personal ? 'platform.mailSettings.personalHint' : 'platform.mailSettings.followedHint')}</p>
              {error ? (
                <p class="field-error" id={`kind-${i}-error`}>
                  {ctx.tr(error.key as MessageKey, error.vars)}
                </p>
              ) : null}
              {DELIVERIES.map((d) => (
                <label key={d} class="choice">
                  <input type="radio" name={k.kind} value={d} checked={form.values[k.kind] === d} id={d === 'immediate' ? `f-${k.kind}` : undefined} />{' '}
                  {t(`platform.mailSettings.${d}`)}
                </label>
              ))}
            </fieldset>
          );
        })}
        <p class="hint">{t('platform.mailSettings.when')}</p>
        <Submit>{t('platform.mailSettings.save')}</Submit>
      </Form>
    </Layout>
  );
}

/** Stopping one kind of mail from a link in it, without signing in: a question, then a plain form. */
export function UnsubscribePage({ ctx, what, action, done }: Ctx & { what: string; action: string; done: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('platform.unsubscribe.title')}>
      <h1>{t('platform.unsubscribe.title')}</h1>
      {done ? (
        <>
          <p role="status">{t('platform.unsubscribe.done', { what })}</p>
          <p>{t('platform.unsubscribe.again')}</p>
        </>
      ) : (
        <form method="post" action={action}>
          <p>{t('platform.unsubscribe.question', { what })}</p>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <Submit>{t('platform.unsubscribe.confirm')}</Submit>
        </form>
      )}
    </Layout>
  );
}
