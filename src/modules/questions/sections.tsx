import { ShortCache } from '../../platform/cache.js';
import type { AppServices, Section } from '../../platform/module.js';
import { withQuery } from '../../platform/views/components.js';
import { listPlaces } from '../tenancy/index.js';
import { knowledgePath } from './paths.js';
import { type KnowledgeRow, searchKnowledge } from './queries.js';
import { KnowledgeSection } from './views.js';

/**
 * The latest answers of a locality, on its page and on its council's. They are the same for every
 * reader (answered, nothing confidential), so they are kept a minute per process and cleared on
 * every instance by any write in the tenant: a council's page, at its statement budget with the
 * meetings' and the news' sections, reads them without a statement of its own most of the time.
 */
export function questionSections({ db, changes }: AppServices): Section<'place' | 'council'>[] {
  const latest = new ShortCache<KnowledgeRow[]>(60_000);
  changes.onChange((tenantId) => latest.clearPrefix(tenantId ? `${tenantId}|` : ''));
  const answersOf = async (tenantId: string, localityId: string) => {
    const key = `${tenantId}|${localityId}`;
    let rows = latest.get(key);
    if (!rows) {
      rows = await searchKnowledge(db, tenantId, { localityId, limit: 3 });
      latest.set(key, rows);
    }
    return rows;
  };
  const place: Section<'place'> = {
    slot: 'place',
    order: 30,
    async load(req, p) {
      if (p.kind !== 'locality') return null;
      const rows = await answersOf(req.tenant.id, p.id);
      return (ctx) => <KnowledgeSection ctx={ctx} rows={rows} more={withQuery(knowledgePath, { ort: p.slug })} />;
    },
  };
  const council: Section<'council'> = {
    slot: 'council',
    order: 40,
    async load(req, c) {
      if (!c.localityId || !c.isPublic) return null;
      const [rows, places] = await Promise.all([answersOf(req.tenant.id, c.localityId), listPlaces(db, req.tenant.id)]);
      if (rows.length === 0) return null;
      const slug = places.localities.find((l) => l.id === c.localityId)?.slug;
      return (ctx) => <KnowledgeSection ctx={ctx} rows={rows} more={slug ? withQuery(knowledgePath, { ort: slug }) : knowledgePath} />;
    },
  };
  return [place, council] as Section<'place' | 'council'>[];
}
