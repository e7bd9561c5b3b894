import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { Actor } from './authz/index.js';
import type { Changes } from './changes.js';
import type { Config } from './config.js';
import { countStatementsOf, type Database, type Db } from './db/index.js';
import type { DomainEvent, EventName, TransactionHandler } from './events.js';
import type { Catalogues, MessageKey, Translator } from './i18n/index.js';
import type { JobDefinition, JobRunner, RecurringTask } from './jobs/index.js';
import type { Mailer } from './mail/index.js';
import type { RetentionKind } from './retention/index.js';
import type { TenantResolver } from './tenants/index.js';
import type { PageContext } from './views/context.js';

/** The shared services every module receives when the app is built. */
export interface AppServices {
  config: Config;
  database: Database;
  db: Db;
  mailer: Mailer;
  translator: Translator;
  tenants: TenantResolver;
  jobs: JobRunner;
  /** Tells every instance when a tenant's data changed, so caches are cleared everywhere. */
  changes: Changes;
  /** What the modules declared, gathered once when the app is built. */
  registry: Registry;
  /** What time it is for scheduled work (digests at 07:00); tests set it, nothing sleeps. */
  clock: () => Date;
  /** Set when the process is stopping: /readyz answers 503 and every answer closes its connection. */
  lifecycle: { draining: boolean };
}

/** Roles, scope kinds, personal-data sources and page sections declared by all modules. */
export interface Registry {
  roles: RoleDefinition[];
  processing: ProcessingDeclaration[];
  scopes: ScopeKind[];
  personalData: { module: string; collect: PersonalDataSource }[];
  /** Every module's part of closing an account, and what may stop it (platform/erasure.ts). */
  erasure: { module: string; erase: PersonalDataEraser }[];
  erasureChecks: ErasureCheck[];
  /** The kinds of record removed or made anonymous after a period (platform/retention). */
  retention: RetentionKind[];
  sections: AnySection[];
  annotations: Annotation[];
  followables: Followable[];
  notices: NoticeKind[];
  /** Who people are for mail, from the module that keeps accounts. */
  recipients: RecipientLookup;
}

/**
 * The pages other modules may add sections to, and what each page tells them about its subject.
 * The module that owns a page declares its slot here by declaration merging.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in the modules that own pages
export interface SectionSubjects {}
export type SectionSlot = keyof SectionSubjects;

/** What a section draws once its data is loaded; `head` adds to the page's head (a feed's `<link rel="alternate">`). */
export type SectionRenderer = ((ctx: PageContext) => ComponentChildren) & { head?: (ctx: PageContext) => ComponentChildren };

/** A section with something for the page's head as well. */
export function withHead(render: (ctx: PageContext) => ComponentChildren, head: (ctx: PageContext) => ComponentChildren): SectionRenderer {
  return Object.assign(render, { head });
}

/** What the sections of a page add to its head. */
export function sectionHeads(sections: SectionRenderer[], ctx: PageContext): ComponentChildren {
  return sections.map((s) => s.head?.(ctx) ?? null);
}

/**
 * A section one module adds to another module's page (the meetings of a council on the council's
 * page): it loads its own data through its own queries and answers null to add nothing.
 */
export interface Section<S extends SectionSlot> {
  slot: S;
  /** Which module's (filled in when the app gathers the sections). */
  module?: string;
  /** What it shows, when a module adds more than one section to the same page (for the statement count). */
  name?: string;
  /** Where on the page, among the other modules' sections: lower first; those without come in module order at 0. */
  order?: number;
  load(req: FastifyRequest, subject: SectionSubjects[S]): Promise<SectionRenderer | null>;
}
type AnySection = { [S in SectionSlot]: Section<S> }[SectionSlot];

/**
 * The lists whose entries other modules may annotate (a council's next meeting on the list of
 * councils), declared by the module that owns the list by declaration merging.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in the modules that own lists
export interface AnnotationSlots {}

/** A line one module adds to each entry of another module's list, loaded for the whole page at once. */
export interface Annotation {
  slot: keyof AnnotationSlots;
  /** Which module's (filled in when the app gathers the annotations). */
  module?: string;
  load(req: FastifyRequest, ids: string[]): Promise<Map<string, SectionRenderer>>;
}

/** Loads every module's annotations for the entries of one list page, in one pass each. */
export async function loadAnnotations(
  registry: Registry,
  slot: keyof AnnotationSlots,
  req: FastifyRequest,
  ids: string[],
): Promise<Map<string, SectionRenderer[]>> {
  const out = new Map<string, SectionRenderer[]>();
  if (ids.length === 0) return out;
  const maps = await Promise.all(
    registry.annotations.filter((a) => a.slot === slot).map((a) => countStatementsOf(`${a.module ?? '?'}:${slot}`, () => a.load(req, ids))),
  );
  for (const m of maps) for (const [id, r] of m) out.set(id, [...(out.get(id) ?? []), r]);
  return out;
}

/** Loads every section the modules add to one page, in module order, in parallel. */
export async function loadSections<S extends SectionSlot>(
  registry: Registry,
  slot: S,
  req: FastifyRequest,
  subject: SectionSubjects[S],
): Promise<SectionRenderer[]> {
  // The registry holds the sections in page order already (app.ts sorts them once).
  const mine = registry.sections.filter((s): s is Section<S> & AnySection => s.slot === slot);
  // Each section's statements are counted apart: a section may use at most one (the budget test checks it).
  const loaded = await Promise.all(mine.map((s) => countStatementsOf(`${s.module ?? '?'}:${slot}${s.name ? `:${s.name}` : ''}`, () => s.load(req, subject))));
  return loaded.filter((r): r is SectionRenderer => r !== null);
}

/** Everything a module holds about one person, for their data export. */
export type PersonalDataSource = (db: Db, tenantId: string, userId: string) => Promise<unknown>;

/**
 * What closing an account did to one kind of record in a module: how many rows, and whether they
 * were erased (deleted or stripped of the person) or kept, with the rule that keeps them. The
 * person's receipt is written from these lines.
 */
export interface ErasureLine {
  what: MessageKey;
  count: number;
  /** Why it is kept (the rule on public records that requires it); absent when erased. */
  kept?: MessageKey;
}

/**
 * A module's part of closing an account, run in the closing transaction: it erases or makes
 * anonymous what it holds about the person and says what it did. The account row itself stays
 * as a nameless reference, so records the municipality must keep point at nobody in particular.
 */
export type PersonalDataEraser = (tx: Db, tenantId: string, userId: string) => Promise<ErasureLine[]>;

/** Why an account cannot be closed yet (the person must hand something over first), as messages with values. */
export type ErasureCheck = (tx: Db, tenantId: string, userId: string) => Promise<{ key: MessageKey; values?: Record<string, string> }[]>;

/** A role a module brings, and what it can be scoped to. */
export interface RoleDefinition {
  role: string;
  /** 'tenant' for municipality-wide roles, else a scope kind such as 'function' or 'council'. */
  scope: string;
  label: MessageKey;
  /** A municipal staff role: an administrator can require e-ID at a stated level for it. */
  staff?: boolean;
}

/** The legal bases of the GDPR's article 6 the register of processing names. */
export type LegalBasis = 'consent' | 'contract' | 'publicTask' | 'legalObligation' | 'legitimateInterest';

/** A kind of personal data a module keeps: what, why, on what basis, how long by default, and who sees it. */
export interface ProcessingDeclaration {
  data: MessageKey;
  purpose: MessageKey;
  basis: LegalBasis;
  retention: MessageKey;
  audience: MessageKey;
}

/** A kind of thing a role can be scoped to, with the choices an administrator picks from. */
export interface ScopeKind {
  kind: string;
  label: MessageKey;
  list(db: Db, tenantId: string): Promise<{ id: string; name: string }[]>;
}

/**
 * A kind of record people can follow (a council, an organisation), declared by the module that
 * owns it: the platform keeps the follows, the module says what the records are called.
 */
export interface Followable {
  kind: string;
  label: MessageKey;
  /** The names and addresses of the records the actor may see, of those asked for (one statement). */
  names(db: Db, actor: Actor, ids: string[]): Promise<Map<string, { name: string; href: string }>>;
}

/**
 * A kind of notice a module tells people of (meetings in what they follow, an action item given to
 * them), for the mail settings on their profile. What concerns a person themself is mailed at once
 * unless they choose otherwise; what they follow comes in a daily digest.
 */
export interface NoticeKind {
  kind: string;
  label: MessageKey;
  /** Told through `notifyPeople` (the person concerned), not `notifyFollowers`. */
  personal?: boolean;
}

/** A person as mail needs them: address, name and language. Disabled accounts are not returned. */
export interface Recipient {
  id: string;
  email: string;
  name: string;
  lang: 'sv' | 'en';
}
export type RecipientLookup = (db: Db, tenantId: string, userIds: string[]) => Promise<Recipient[]>;

/** A link in the main navigation or on the administration page. */
export interface NavEntry {
  href: string;
  label: MessageKey;
  visible?: (actor: Actor) => boolean;
}

/**
 * How a module reacts to an event another module (or itself) emits: in the emitting command's
 * transaction, when the effect must commit with the cause; or as a job after it commits, with
 * the app's services, when it may come later (mail, notifications, anything slow).
 */
export type EventSubscription<N extends EventName> =
  | { run: 'transaction'; handle: TransactionHandler<N> }
  | { run: 'job'; handle: (event: DomainEvent<N>, services: AppServices) => Promise<void> };

/** A module's subscriptions, by event name. */
export type Subscriptions = { [N in EventName]?: EventSubscription<N> };

/**
 * What seeding and growing know while they run: the database, the municipality, and the named
 * records earlier modules made or chose (`refs`), so a module refers to another's records by
 * name rather than by ids passed by hand.
 */
export interface SeedContext {
  db: Db;
  tenantId: string;
  timeZone: string;
  refs: SeedRefs;
  /** The records a test looks at, by kind and slug (or e-mail for a person): grown rows gather around them. */
  focus?: Partial<Record<'user' | 'locality' | 'organisation' | 'council' | 'meeting', string>>;
}

/** Named references between modules' seed data: `refs.set('council', 'fristad', id)`, `refs.get('council', 'fristad')`. */
export class SeedRefs {
  private byKind = new Map<string, Map<string, string>>();
  set(kind: string, name: string, id: string): void {
    if (!this.byKind.has(kind)) this.byKind.set(kind, new Map());
    this.byKind.get(kind)?.set(name, id);
  }
  /** The id named; a name nobody set is a mistake in the data set, said plainly. */
  get(kind: string, name: string): string {
    const id = this.byKind.get(kind)?.get(name);
    if (!id) throw new Error(`The seed data names a ${kind} "${name}" that no module made`);
    return id;
  }
  /** Every id of a kind, in the order they were named. */
  all(kind: string): string[] {
    return [...(this.byKind.get(kind)?.values() ?? [])];
  }
  /** Every name of a kind with its id, in the order they were named. */
  entries(kind: string): [string, string][] {
    return [...(this.byKind.get(kind)?.entries() ?? [])];
  }
}

/**
 * A data set (the Borås demo, a test's second municipality): each module's part under its name.
 * A module declares the shape of its part by declaration merging, beside its seed.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in the modules that seed
export interface SeedData {}
export type DataSet = { [K in keyof SeedData]?: SeedData[K] };

/**
 * How a module fills its own tables outside the forms: `grow` adds `n` more rows to each of its
 * lists (numbered from `offset`, so it can be called again), through the same seed writers the
 * demo data and the scale generator use. The page-budget test grows every module this way and
 * checks that no page issues more statements for 100 rows than for 10.
 */
export interface ModuleSeed {
  /** Modules whose rows must exist first (their refs are read). */
  after?: string[];
  /**
   * Writes the module's part of a data set (its `SeedData` entry) through its commands and seed
   * writers, and names what it made in `ctx.refs` for the modules after it.
   */
  run?(ctx: SeedContext, data: unknown): Promise<void>;
  grow?(ctx: SeedContext, n: number, offset: number): Promise<void>;
}

/** The modules in an order where each comes after those it names in `seed.after`. */
export function seedOrder(list: ModuleDefinition[]): ModuleDefinition[] {
  const byName = new Map(list.map((m) => [m.name, m]));
  const done = new Set<string>();
  const out: ModuleDefinition[] = [];
  const visit = (m: ModuleDefinition, path: string[]) => {
    if (done.has(m.name)) return;
    if (path.includes(m.name)) throw new Error(`Seed order has a cycle: ${[...path, m.name].join(' → ')}`);
    for (const dep of m.seed?.after ?? []) {
      const d = byName.get(dep);
      if (!d) throw new Error(`${m.name} seeds after ${dep}, which is not a module`);
      visit(d, [...path, m.name]);
    }
    done.add(m.name);
    out.push(m);
  };
  for (const m of list) visit(m, []);
  return out;
}

/** Writes a data set into a municipality: every module's part, in seed order. */
export async function seedModules(list: ModuleDefinition[], ctx: SeedContext, data: DataSet): Promise<void> {
  for (const m of seedOrder(list)) {
    const part = (data as Record<string, unknown>)[m.name];
    if (part !== undefined && m.seed?.run) await m.seed.run(ctx, part);
  }
}

/** Grows every module's lists by `n` rows, in seed order (the budget test and small scale data). */
export async function growModules(list: ModuleDefinition[], ctx: SeedContext, n: number, offset: number): Promise<void> {
  for (const m of seedOrder(list)) await m.seed?.grow?.(ctx, n, offset);
}

/** What one module offers the app: its routes, jobs, roles, texts and navigation. */
export interface ModuleDefinition {
  name: string;
  i18n: Catalogues;
  routes?: (app: FastifyInstance, services: AppServices) => void | Promise<void>;
  jobs?: (services: AppServices) => JobDefinition[];
  roles?: RoleDefinition[];
  /** The personal data the module keeps, for the public register of processing (/personuppgifter). */
  processing?: ProcessingDeclaration[];
  scopes?: ScopeKind[];
  nav?: NavEntry[];
  adminNav?: NavEntry[];
  personalData?: PersonalDataSource;
  /** Erases or makes anonymous what the module keeps about a person who closes their account. */
  erase?: PersonalDataEraser;
  /** What must be handed over before a person may close their account (the only representative of an applicant). */
  erasureCheck?: ErasureCheck;
  /** The module's kinds of record that are removed or made anonymous after a period, with their defaults. */
  retention?: RetentionKind[];
  sections?: (services: AppServices) => AnySection[];
  annotations?: (services: AppServices) => Annotation[];
  /** Upkeep the worker runs every so often (overdue reminders); each run safe to repeat and to run on two workers at once. */
  recurring?: (services: AppServices) => RecurringTask[];
  /** What the module does when events happen elsewhere (or in itself); see platform/events.ts. */
  on?: Subscriptions;
  /** How the module fills its tables for tests and scale data. */
  seed?: ModuleSeed;
  /** What of the module's records people can follow. */
  followables?: Followable[];
  /** The kinds of notice the module sends, for people's mail settings. */
  notices?: NoticeKind[];
  /** Who people are for mail (the accounts module alone declares it). */
  recipients?: RecipientLookup;
}

/** Declares a module; see src/app.ts for the order they are mounted in. */
export function defineModule(def: ModuleDefinition): ModuleDefinition {
  return def;
}
