import type { Db } from '../../../platform/db/index.js';
import type { Section } from '../../../platform/module.js';
import { councilActionsPath } from '../paths.js';
import { ActionList } from './actions-view.js';
import { listOpenActionItems } from './queries.js';

/** The most urgent open action items on a council's page; the rest are on its own list. */
const ACTIONS_ON_COUNCIL_PAGE = 10;

/** A council's most urgent open action items, on its page, after its meetings: one statement. */
export const actionItemsSection = (db: Db): Section<'council'> => ({
  slot: 'council',
  name: 'action-items',
  order: 20,
  async load(req, council) {
    const actions = await listOpenActionItems(db, req.actor, council.id, { limit: ACTIONS_ON_COUNCIL_PAGE, withTotal: true });
    return (ctx) => (
      <>
        <h2>{ctx.t('meetings.council.actions')}</h2>
        {actions.rows.length ? <ActionList ctx={ctx} items={actions.rows} /> : <p>{ctx.t('meetings.council.noActions')}</p>}
        {actions.next ? (
          <p>
            <a href={councilActionsPath(council)}>{ctx.t('meetings.council.allActions', { count: actions.total ?? 0 })}</a>
          </p>
        ) : null}
      </>
    );
  },
});
