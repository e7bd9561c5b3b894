import { Pagination } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { councilPath, councilsPath } from '../../councils/index.js';
import type { ActionItem } from '../core/access.js';
import { formatDay } from '../core/format.js';
import type { Ctx } from '../core/views.js';
import { councilActionsPath, minutesPath } from '../paths.js';
import type { OpenActionItem } from './queries.js';

/** Open action items with their owner and due date. */
export function ActionList({ ctx, items }: Ctx & { items: (ActionItem & { meetingSlug?: string; meetingStartsAt?: Date })[] }) {
  const { t } = ctx;
  return (
    <ul class="actions">
      {items.map((i) => (
        <li key={i.id}>
          {i.description}
          <span class="agenda__meta">
            {' '}
            (
            {[i.owner ? `${t('meetings.minutes.owner')}: ${i.owner}` : '', i.dueDate ? `${t('meetings.minutes.due')}: ${i.dueDate}` : '']
              .filter(Boolean)
              .join(', ')}
            {i.meetingSlug && i.meetingStartsAt ? (
              <>
                {i.owner || i.dueDate ? ', ' : ''}
                <a href={minutesPath({ slug: i.meetingSlug })}>{formatDay(ctx.lang, i.meetingStartsAt, ctx.timeZone)}</a>
              </>
            ) : null}
            )
          </span>
        </li>
      ))}
    </ul>
  );
}

/** A council's open action items, a page at a time. */
export function CouncilActionsPage({
  ctx,
  council,
  items,
  next,
  isFirst,
}: Ctx & { council: { slug: string; name: string }; items: OpenActionItem[]; next?: string; isFirst: boolean }) {
  const { t } = ctx;
  const title = t('meetings.council.actionsTitle', { name: council.name });
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: councilsPath, label: t('councils.list.title') },
        { href: councilPath(council), label: council.name },
        { label: t('meetings.council.actions') },
      ]}
    >
      <h1>{title}</h1>
      <p class="lead">{t('meetings.council.actionsIntro')}</p>
      {items.length ? <ActionList ctx={ctx} items={items} /> : <p>{t('meetings.council.noActions')}</p>}
      <Pagination ctx={ctx} firstHref={councilActionsPath(council)} nextHref={next} isFirst={isFirst} />
    </Layout>
  );
}
