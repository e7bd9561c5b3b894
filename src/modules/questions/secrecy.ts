import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/index.js';
import { canHandle } from './policy.js';
import { type Question, questions, type SecretField } from './schema.js';

/**
 * The one rule of confidentiality: what a handler marks confidential is read only by the handlers
 * of the question's function (the intake and administrators with them) and by the asker, whose own
 * question it is. Every surface that shows a question (its page, the register, the knowledge base,
 * notices, names in lists, the Open311 API) goes through these.
 */
export function seesSecrets(actor: Actor, q: Pick<Question, 'functionId' | 'askerId'>): boolean {
  return canHandle(actor, q) || (actor.user !== null && q.askerId !== null && actor.user.id === q.askerId);
}

/** A column as the public reads it: empty where its field is marked confidential. */
export function publicSql(column: AnyColumn, field: SecretField): SQL<string> {
  return sql<string>`case when ${field}::text = any(${questions.secretFields}) then '' else ${column} end`;
}

/** Whether a field of the row is confidential, in SQL. */
export function secretSql(field: SecretField): SQL<boolean> {
  return sql<boolean>`(${field}::text = any(${questions.secretFields}))`;
}

/** No part of the question is confidential (the knowledge base and full-text search take only these). */
export const nothingSecretSql: SQL<boolean> = sql<boolean>`cardinality(${questions.secretFields}) = 0`;

type Maskable = Pick<Question, 'secretFields' | 'subject' | 'body' | 'answer' | 'address' | 'lat' | 'lng'>;

/** The question with its confidential parts emptied, unless the person may read them. */
export function maskQuestion<Q extends Maskable & Pick<Question, 'functionId' | 'askerId'>>(actor: Actor, q: Q): Q {
  if (q.secretFields.length === 0 || seesSecrets(actor, q)) return q;
  return maskedFields(q);
}

/** The question with its confidential parts emptied, for a reader outside the municipality (the API, a follower's notice). */
export function maskedFields<Q extends Maskable>(q: Q): Q {
  const secret = new Set(q.secretFields);
  return {
    ...q,
    subject: secret.has('subject') ? '' : q.subject,
    body: secret.has('body') ? '' : q.body,
    answer: secret.has('answer') ? '' : q.answer,
    address: secret.has('place') ? '' : q.address,
    lat: secret.has('place') ? null : q.lat,
    lng: secret.has('place') ? null : q.lng,
  };
}

/** A step's note as the person may read it. */
export function stepNote(visible: boolean, q: Pick<Question, 'secretFields'>, note: string): string {
  return visible || !q.secretFields.includes('notes') ? note : '';
}
