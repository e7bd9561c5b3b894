import type { Actor } from './authz/index.js';
import type { Db } from './db/index.js';
import { enqueue } from './jobs/index.js';

/**
 * What modules announce, by name, with what each event carries. The module that emits an event
 * declares it here by declaration merging (`declare module '…/platform/events.js'`), so an
 * emitter and its subscribers agree on the payload without importing each other.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in the modules that emit events
export interface DomainEvents {}
export type EventName = keyof DomainEvents;

/** One thing that happened: which, in which municipality, by whom, and what it carries. */
export interface DomainEvent<N extends EventName = EventName> {
  name: N;
  tenantId: string;
  /** The person whose command caused it; null for the system (upkeep, imports, demo data). */
  actorId: string | null;
  payload: DomainEvents[N];
  /** When the command ran, as an ISO timestamp (a queued handler may run later). */
  at: string;
}

/** Runs inside the command's transaction: if it throws, the command is undone with it. */
export type TransactionHandler<N extends EventName = EventName> = (tx: Db, event: DomainEvent<N>) => Promise<void>;

/** A subscriber as the event table knows it: its module, and either its in-transaction handler or its job. */
export interface Subscriber {
  module: string;
  event: string;
  run: 'transaction' | 'job';
  handle?: TransactionHandler;
}

/** The job that carries one event to one module's queued handler. */
export const eventJobName = (module: string, event: string): string => `${module}.on.${event}`;

/**
 * Who listens to what. Subscriptions are declared statically in the manifests, so this table is
 * the same for every app the process builds; `app.ts` fills it once the modules are known.
 */
let table = new Map<string, Subscriber[]>();

/** Replaces the table of subscribers (called when the app is built). */
export function setSubscribers(subscribers: Subscriber[]): void {
  const next = new Map<string, Subscriber[]>();
  for (const s of subscribers) next.set(s.event, [...(next.get(s.event) ?? []), s]);
  table = next;
}

/** The subscribers of one event, in module order (for the architecture test and the documentation). */
export function subscribersOf(event: string): Subscriber[] {
  return table.get(event) ?? [];
}

/**
 * Announces what a command did, inside its transaction: handlers that must commit with the cause
 * run here, now; the others are queued as jobs in the same transaction, so they run if and only
 * if the command commits, even when the process dies right after.
 */
export async function emit<N extends EventName>(tx: Db, actor: Actor, name: N, payload: DomainEvents[N]): Promise<void> {
  // A queued handler must never see an event whose cause was rolled back, nor miss one that committed.
  if (!('rollback' in tx)) throw new Error(`emit(${name}) must run inside the command's transaction`);
  const event: DomainEvent<N> = { name, tenantId: actor.tenantId, actorId: actor.user?.id ?? null, payload, at: new Date().toISOString() };
  for (const s of table.get(name) ?? []) {
    if (s.run === 'transaction' && s.handle) await s.handle(tx, event as unknown as DomainEvent);
    else await enqueue(tx, eventJobName(s.module, name), { event: event as unknown as Record<string, unknown> }, { tenantId: actor.tenantId });
  }
}
