import type { FastifyInstance } from 'fastify';
import type { Actor } from './authz/index.js';
import type { Config } from './config.js';
import type { Database, Db } from './db/index.js';
import type { Catalogues, MessageKey, Translator } from './i18n/index.js';
import type { JobDefinition, JobRunner } from './jobs/index.js';
import type { Mailer } from './mail/index.js';
import type { TenantResolver } from './tenants/index.js';

/** The shared services every module receives when the app is built. */
export interface AppServices {
  config: Config;
  database: Database;
  db: Db;
  mailer: Mailer;
  translator: Translator;
  tenants: TenantResolver;
  jobs: JobRunner;
  /** What the modules declared, gathered once when the app is built. */
  registry: Registry;
}

/** Roles, scope kinds and personal-data sources declared by all modules. */
export interface Registry {
  roles: RoleDefinition[];
  scopes: ScopeKind[];
  personalData: { module: string; collect: PersonalDataSource }[];
}

/** Everything a module holds about one person, for their data export. */
export type PersonalDataSource = (db: Db, tenantId: string, userId: string) => Promise<unknown>;

/** A role a module brings, and what it can be scoped to. */
export interface RoleDefinition {
  role: string;
  /** 'tenant' for municipality-wide roles, else a scope kind such as 'function' or 'council'. */
  scope: string;
  label: MessageKey;
}

/** A kind of thing a role can be scoped to, with the choices an administrator picks from. */
export interface ScopeKind {
  kind: string;
  label: MessageKey;
  list(db: Db, tenantId: string): Promise<{ id: string; name: string }[]>;
}

/** A link in the main navigation or on the administration page. */
export interface NavEntry {
  href: string;
  label: MessageKey;
  visible?: (actor: Actor) => boolean;
}

/** What one module offers the app: its routes, jobs, roles, texts and navigation. */
export interface ModuleDefinition {
  name: string;
  i18n: Catalogues;
  routes?: (app: FastifyInstance, services: AppServices) => void | Promise<void>;
  jobs?: (services: AppServices) => JobDefinition[];
  roles?: RoleDefinition[];
  scopes?: ScopeKind[];
  nav?: NavEntry[];
  adminNav?: NavEntry[];
  personalData?: PersonalDataSource;
}

/** Declares a module; see src/app.ts for the order they are mounted in. */
export function defineModule(def: ModuleDefinition): ModuleDefinition {
  return def;
}
