import { type Actor, can } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { listRoleHolders } from '../accounts/index.js';
import { getOrganisationNames, listOrganisations, type OrganisationSummary } from '../organisations/index.js';
import { listPlaces, type Places } from '../tenancy/index.js';
import { type CouncilAccess, councilPolicy } from './policy.js';
import { type Council, type CouncilMember, councilOrganisationIdsSql, listCouncilPeoplePage, listCouncils } from './queries.js';

/** How many of a council's people its page lists; the rest are on the members page. */
const PEOPLE_ON_PAGE = 30;

/** What a council's page shows of the council itself (other modules add their sections). */
export interface CouncilPageData {
  council: Council;
  places: Places;
  people: { rows: CouncilMember[]; total: number; individuals: number };
  orgs: { rows: OrganisationSummary[]; total: number };
  names: { orgs: Map<string, { name: string; slug: string }>; people: Map<string, string> };
  contacts: { name: string; email: string }[];
  canManage: boolean;
  seeAll: boolean;
  following: boolean;
}

/** A council's page in one loader: its people, member organisations, contact persons and the names they need (five statements, the names after the people). */
export async function loadCouncilPage(db: Db, actor: Actor, access: CouncilAccess): Promise<CouncilPageData> {
  const { council } = access;
  const [people, orgPage, places, contacts] = await Promise.all([
    listCouncilPeoplePage(db, council.id, PEOPLE_ON_PAGE),
    listOrganisations(db, actor.tenantId, { within: councilOrganisationIdsSql(council.id), withTotal: true }),
    listPlaces(db, actor.tenantId),
    listRoleHolders(db, actor.tenantId, 'contact_person', 'council', [council.id]),
  ]);
  const orgIds = [...new Set([council.organisationId, ...people.rows.map((m) => m.organisationId)].filter((x): x is string => !!x))];
  return {
    council,
    places,
    people,
    orgs: { rows: orgPage.rows, total: orgPage.total ?? 0 },
    names: { orgs: await getOrganisationNames(db, actor.tenantId, orgIds), people: new Map(people.rows.map((m) => [m.userId as string, m.name ?? '–'])) },
    contacts,
    canManage: can(councilPolicy, actor, 'manage', access),
    seeAll: can(councilPolicy, actor, 'seeMembersContacts', access),
    following: access.following ?? false,
  };
}

/**
 * The list of councils and networks the actor may see, with the places and the names of the
 * organisations that run them; `alongside` (other modules' annotations of the list) is read in
 * parallel with the names once the councils are known.
 */
export async function loadCouncilsPage<T>(db: Db, actor: Actor, alongside: (councilIds: string[]) => Promise<T>) {
  const [councils, places] = await Promise.all([listCouncils(db, actor), listPlaces(db, actor.tenantId)]);
  const [orgs, notes] = await Promise.all([
    getOrganisationNames(
      db,
      actor.tenantId,
      councils.map((c) => c.organisationId).filter((x): x is string => !!x),
    ),
    alongside(councils.map((c) => c.id)),
  ]);
  return { councils, places, orgs, notes };
}
