import type { AppServices, Section, SectionSlot } from '../../platform/module.js';
import { councilPath } from './paths.js';
import { listCouncilsOfPlace } from './queries.js';

/** The councils of a locality or an area, on its page. */
export const councilSections = ({ db }: AppServices) =>
  [
    {
      slot: 'place',
      async load(req, place) {
        const list = await listCouncilsOfPlace(db, req.actor, place);
        if (list.length === 0) return null;
        return (ctx) => (
          <>
            <h2>{ctx.t('councils.place.title')}</h2>
            <ul class="link-list">
              {list.map((c) => (
                <li key={c.id}>
                  <a href={councilPath(c)}>{c.name}</a>
                </li>
              ))}
            </ul>
          </>
        );
      },
    } satisfies Section<'place'>,
  ] as Section<SectionSlot>[];
