import type { Config } from './platform/config.js';
import { isLoopback } from './platform/routes.js';

/** What the start banner needs to know about the running service. */
export interface BannerFacts {
  address: string;
  database: string;
  seededNow: boolean;
  mailMode: 'smtp' | 'outbox';
  /** The demo accounts, when the database has them (and they are shown outside production). */
  demoAccounts: { email: string; role: string }[] | null;
  demoPassword: string;
  /** The demo data's Open311 API key, printed beside the demo accounts. */
  demoOpen311Key?: string;
}

/** Whether the service listens only on this machine (the loopback address). */
export function listensLocally(host: string): boolean {
  return host === 'localhost' || isLoopback(host);
}

/**
 * The lines printed when the service has started: where to open it, which database, whether mail
 * is sent and, on a development machine with the demo data, how to sign in as each demo role.
 * A production server never prints a password, and one that does not send mail says so loudly.
 */
export function startBanner(config: Config, f: BannerFacts): string[] {
  const lines = ['', `Mötesplats is running at ${f.address}`, `Database: ${f.database}${f.seededNow ? ' (Borås demo data loaded now)' : ''}`];
  if (f.mailMode === 'smtp') lines.push('E-mail: sent over SMTP_URL');
  else if (config.env === 'production' || !listensLocally(config.host)) {
    lines.push(
      '',
      '!!! WARNING: E-MAIL IS NOT SENT. SMTP_URL is not set, so verification links, password resets and',
      '!!! invitations are kept in the database and reach no one.',
      config.env === 'production'
        ? '!!! Set SMTP_URL before anyone uses this server.'
        : `!!! The outbox (${f.address}/dev/outbox) opens only to an administrator or from this machine. Set SMTP_URL.`,
      '',
    );
  } else lines.push(`E-mail: not sent (no SMTP_URL); read it at ${f.address}/dev/outbox`);
  if (config.oidc) {
    lines.push(
      `Sign-in with e-ID: ${config.oidc.issuer} (client ${config.oidc.clientId}) for the default municipality`,
      `  register the redirect URI ${config.baseUrl}/logga-in/oidc/callback and the post-logout URI ${config.baseUrl}/logga-ut/klar`,
    );
  }
  if (f.demoAccounts && config.env !== 'production') {
    lines.push('', `Demo accounts (password: ${f.demoPassword}):`, ...f.demoAccounts.map((a) => `  ${a.email.padEnd(28)} ${a.role}`));
    if (f.demoOpen311Key) lines.push('', `Open311 GeoReport v2: ${f.address}/open311/v2/discovery.json (demo api_key: ${f.demoOpen311Key})`);
  } else if (f.demoAccounts) {
    lines.push('', 'The Borås demo data is loaded: its accounts share a published password. Remove them before opening the service to anyone.');
  }
  lines.push('', 'Stop with Ctrl-C (SIGINT) or SIGTERM.', '');
  return lines;
}
