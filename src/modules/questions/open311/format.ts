import { XMLBuilder } from 'fast-xml-parser';
import type { QuestionStatus } from '../schema.js';

/** The two formats of GeoReport v2: XML (required by the standard) and JSON. */
export type Format = 'xml' | 'json';

/** Our statuses in GeoReport's two (open, closed); the detail goes in `status_notes`. */
export function open311Status(status: QuestionStatus): 'open' | 'closed' {
  return status === 'answered' || status === 'not_ours' || status === 'duplicate' || status === 'closed' ? 'closed' : 'open';
}

/** Our statuses in mySociety's extended set, which FixMyStreet-style clients read from `servicerequestupdates`. */
export function mySocietyStatus(status: QuestionStatus): string {
  const map: Record<QuestionStatus, string> = {
    received: 'open',
    triaged: 'investigating',
    forwarded: 'internal_referral',
    in_progress: 'in_progress',
    waiting: 'action_scheduled',
    answered: 'fixed',
    not_ours: 'not_councils_responsibility',
    duplicate: 'duplicate',
    closed: 'closed',
  };
  return map[status];
}

const builder = new XMLBuilder({ ignoreAttributes: false, processEntities: true, suppressEmptyNode: false });

// biome-ignore lint/suspicious/noControlCharactersInRegex: characters XML 1.0 cannot carry are left out
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

type Value = string | number | boolean | null | undefined | Value[] | { [k: string]: Value };

function clean(v: Value): Value {
  if (typeof v === 'string') return v.replace(NOT_XML, '');
  if (Array.isArray(v)) return v.map(clean);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clean(x)]));
  return v ?? '';
}

/**
 * A GeoReport document in the asked-for format. XML has the standard's root and item elements
 * (`<service_requests><request>…`); JSON is the Spark convention's mapping of the same: a list is
 * an array of its items, a single object (discovery, a service definition) is that object.
 */
export function document(format: Format, root: string, item: string | null, body: Value): { type: string; body: string } {
  if (format === 'json') return { type: 'application/json; charset=utf-8', body: JSON.stringify(body) };
  const inner = item ? { [item]: clean(body) } : clean(body);
  return {
    type: 'text/xml; charset=utf-8',
    body: builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, [root]: inner }),
  };
}

/** The standard's error document: `<errors><error><code>…</code><description>…</description></error></errors>`. */
export function errorDocument(format: Format, code: number, description: string) {
  return document(format, 'errors', 'error', [{ code, description }]);
}
