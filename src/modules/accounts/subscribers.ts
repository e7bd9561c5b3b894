import type { TransactionHandler } from '../../platform/events.js';
import { giveConsent, withdrawGeneralConsent } from './consents.js';
import { loadActor } from './queries.js';

/**
 * Keeps the person's choice of mail about what they follow as a consent, in the transaction that
 * saved it (the mail settings, the profile's stop button, an unsubscribe link): given when such
 * mail is on for any kind, withdrawn when it is off for all.
 */
export const recordMailChoice: TransactionHandler<'platform.mailChoicesChanged'> = async (tx, event) => {
  const actor = await loadActor(tx, event.tenantId, event.payload.userId);
  if (!actor) return;
  if (event.payload.followedMail) await giveConsent(tx, actor, 'followedMail', event.payload.via);
  else await withdrawGeneralConsent(tx, actor, 'followedMail', event.payload.via);
};
