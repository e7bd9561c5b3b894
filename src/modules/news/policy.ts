import { type Actor, definePolicy, hasRole, isAdmin } from '../../platform/authz/index.js';
import { isInsideCouncil } from '../councils/index.js';
import type { NewsItem } from './schema.js';

/** Whose news: the municipality's (no council) or a council's, with the acting person's roles in it. */
export interface NewsSource {
  council: { id: string; slug: string; name: string; isPublic: boolean; myRoles: string[] } | null;
}

/** A news item with its source. */
export interface NewsAccess extends NewsSource {
  item: NewsItem;
}

/** The municipality's editors write its news; a council's chair and secretary write the council's; administrators both. */
export function canWrite(actor: Actor, source: NewsSource): boolean {
  if (!actor.user) return false;
  if (isAdmin(actor)) return true;
  if (!source.council) return hasRole(actor, 'editor');
  return source.council.myRoles.includes('chair') || source.council.myRoles.includes('secretary');
}

/** Published news whose time has come is for everyone who may see its council; the rest only for those who write it. */
function isOut(a: NewsAccess, now: Date): boolean {
  return a.item.status === 'published' && a.item.publishAt !== null && a.item.publishAt <= now;
}
const sourceVisible = (actor: Actor, a: NewsSource) => !a.council || a.council.isPublic || isInsideCouncil(actor, a.council);

export const newsPolicy = definePolicy<NewsAccess, 'view' | 'edit'>(
  {
    view: (actor, a) => (isOut(a, new Date()) && sourceVisible(actor, a)) || canWrite(actor, a),
    edit: (actor, a) => canWrite(actor, a),
  },
  // What one may not see does not exist: a draft, a scheduled item, a private network's news.
  (actor, a) => !((isOut(a, new Date()) && sourceVisible(actor, a)) || canWrite(actor, a)),
);
