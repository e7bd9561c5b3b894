/**
 * Assurance levels of Swedish e-ID (Digg's tillitsnivåer, and eIDAS for foreign e-ID), as the
 * `acr` URIs of the Swedish OpenID Connect profile name them. A level is a number: 2, 3 or 4;
 * an uncertified level counts one below its name; an `acr` we do not know counts 1 (an e-ID,
 * level unknown). A password sign-in has no level: 0 below every e-ID.
 */
export const EID_LEVELS = [0, 2, 3, 4] as const;

export function eidLevel(acr: string | null | undefined, method: string): number {
  if (method !== 'eid') return 0;
  if (!acr) return 1;
  const a = acr.toLowerCase();
  const eidas = /eidas-(low|sub|substantial|high)/.exec(a)?.[1];
  if (eidas) return eidas === 'low' ? 2 : eidas === 'high' ? 4 : 3;
  const loa = /loa-?([1-4])/.exec(a)?.[1];
  if (loa) return Number(loa) - (a.includes('uncertified') ? 1 : 0);
  return 1;
}

/** Whether a session started this way meets what staff roles require (null: nothing required; 0: any e-ID). */
export function meetsStaffLevel(required: number | null, method: string, acr: string | null): boolean {
  if (required === null) return true;
  if (method !== 'eid') return false;
  return eidLevel(acr, method) >= Math.max(required, 1);
}
