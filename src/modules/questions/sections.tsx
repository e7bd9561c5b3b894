import type { AppServices, Section } from '../../platform/module.js';
import { withQuery } from '../../platform/views/components.js';
import { knowledgePath } from './paths.js';
import { searchKnowledge } from './queries.js';
import { KnowledgeSection } from './views.js';

/**
 * The latest answers of a locality on its page. (A council's page is at its statement budget with
 * the meetings' and the news' sections; its answers are one click away in the knowledge base.)
 */
export function questionSections({ db }: AppServices): Section<'place'>[] {
  const place: Section<'place'> = {
    slot: 'place',
    order: 30,
    async load(req, p) {
      if (p.kind !== 'locality') return null;
      const rows = await searchKnowledge(db, req.tenant.id, { localityId: p.id, limit: 3 });
      return (ctx) => <KnowledgeSection ctx={ctx} rows={rows} more={withQuery(knowledgePath, { ort: p.slug })} />;
    },
  };
  return [place];
}
