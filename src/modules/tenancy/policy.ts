import { definePolicy, isAdmin } from '../../platform/authz/index.js';

/** Localities, areas and functions are public; only administrators change them. */
export const tenancyPolicy = definePolicy<null, 'manage'>({
  manage: (actor) => isAdmin(actor),
});
