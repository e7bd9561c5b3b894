import { eq } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { type Config, DEFAULT_OIDC_SCOPE } from '../../../platform/config.js';
import type { Db } from '../../../platform/db/index.js';
import { keyedHash, seal, unseal } from '../../../platform/secrets.js';
import type { Tenant } from '../../../platform/tenants/index.js';
import { oidcSettings, type VerifiedIdentity } from '../schema.js';
import { eidLevel } from './levels.js';

/** The claim of the Swedish OpenID Connect profile that carries a personal identity number. */
export const PERSONAL_NUMBER_CLAIM = 'https://id.oidc.se/claim/personalIdentityNumber';
const CLIENT_SECRET_PURPOSE = 'oidc-client-secret';
const ID_TOKEN_PURPOSE = 'oidc-id-token';
const PERSONAL_NUMBER_PURPOSE = 'personal-identity-number';
/** Discovery (the provider's metadata) is kept this long; its keys are fetched by the library as they rotate. */
const DISCOVERY_TTL_MS = 10 * 60_000;

/** A municipality's provider as the sign-in uses it. */
export interface ProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  label: string;
  scope: string;
  staffLevel: number | null;
  /** 'admin': saved by an administrator; 'environment': the OIDC_* variables (default municipality only). */
  source: 'admin' | 'environment';
}

/** What went wrong in a sign-in with e-ID, as the person is told it. */
export type EidFailure =
  | 'notConfigured'
  | 'state'
  | 'expired'
  | 'denied'
  | 'codeUsed'
  | 'token'
  | 'unavailable'
  | 'misconfigured'
  | 'level'
  | 'disabled'
  | 'linkedElsewhere';

export class EidError extends Error {
  constructor(
    readonly failure: EidFailure,
    /** A short code from the provider (its `error` parameter), shown as it is, never its description. */
    readonly providerCode?: string,
    options?: { cause?: unknown },
  ) {
    super(`e-ID sign-in failed: ${failure}`, options);
  }
}

/** The provider's own error parameter, cut to what such codes look like. */
export function shortCode(value: unknown): string {
  return typeof value === 'string' ? value.replace(/[^a-z0-9_.-]/gi, '').slice(0, 40) : '';
}

/** Sorts what the library threw into what the person is told; the detail goes to the log only. */
export function failureOf(err: unknown): EidError {
  if (err instanceof EidError) return err;
  if (err instanceof oidc.ResponseBodyError) {
    if (err.status >= 500) return new EidError('unavailable', undefined, { cause: err });
    if (err.error === 'invalid_grant') return new EidError('codeUsed', undefined, { cause: err });
    return new EidError('misconfigured', shortCode(err.error), { cause: err });
  }
  if (err instanceof oidc.AuthorizationResponseError) return new EidError('denied', shortCode(err.error), { cause: err });
  const code = (err as { code?: unknown })?.code;
  if (err instanceof oidc.ClientError && typeof code === 'string') {
    if (code === 'OAUTH_TIMEOUT' || code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || code === 'OAUTH_RESPONSE_IS_NOT_JSON')
      return new EidError('unavailable', undefined, { cause: err });
    if (code === 'OAUTH_INVALID_SERVER_METADATA' || code === 'OAUTH_MISSING_SERVER_METADATA' || code.includes('FORBIDDEN')) {
      return new EidError('misconfigured', undefined, { cause: err });
    }
    return new EidError('token', undefined, { cause: err });
  }
  // fetch failed (refused, reset, unknown host) or the timeout's abort: the provider did not answer.
  if (err instanceof TypeError || (err as Error)?.name === 'TimeoutError' || (err as Error)?.name === 'AbortError') {
    return new EidError('unavailable', undefined, { cause: err });
  }
  return new EidError('token', undefined, { cause: err });
}

/**
 * The municipalities' OpenID providers: their settings, their metadata (discovered and kept a
 * while), and the protocol steps, through openid-client. Every ID token's signature is checked
 * against the provider's published keys, besides issuer, audience, expiry and nonce.
 */
export class EidProviders {
  private discovered = new Map<string, { key: string; at: number; config: oidc.Configuration }>();

  constructor(
    private db: Db,
    private config: Config,
  ) {}

  /** The provider a municipality signs in with, or null when it has none (one statement). */
  async settings(tenant: Pick<Tenant, 'id' | 'isDefault'>): Promise<ProviderSettings | null> {
    const [row] = await this.db.select().from(oidcSettings).where(eq(oidcSettings.tenantId, tenant.id)).limit(1);
    return this.effective(tenant, row ?? null);
  }

  /** The settings in force, from an administrator's row or, for the default municipality, the environment. */
  effective(tenant: Pick<Tenant, 'isDefault'>, row: typeof oidcSettings.$inferSelect | null): ProviderSettings | null {
    if (row?.issuer) {
      return {
        issuer: row.issuer,
        clientId: row.clientId,
        clientSecret: this.unsealSecret(row.clientSecretSealed) ?? '',
        label: row.label,
        scope: row.scope || DEFAULT_OIDC_SCOPE,
        staffLevel: row.staffLevel,
        source: 'admin',
      };
    }
    const env = this.config.oidc;
    if (tenant.isDefault && env) return { ...env, staffLevel: row?.staffLevel ?? null, source: 'environment' };
    return null;
  }

  sealSecret(plain: string): string {
    return plain ? seal(this.config.sessionSecret, CLIENT_SECRET_PURPOSE, plain) : '';
  }

  private unsealSecret(sealed: string): string | null {
    return sealed ? unseal(this.config.sessionSecret, CLIENT_SECRET_PURPOSE, sealed) : '';
  }

  /** The keyed hash of a personal identity number, distinct per municipality. */
  personalNumberHash(tenantId: string, number: string): string {
    return keyedHash(this.config.sessionSecret, PERSONAL_NUMBER_PURPOSE, `${tenantId}\n${number.replace(/\D/g, '')}`);
  }

  /** Forgets a municipality's discovered metadata (after its settings change). */
  forget(tenantId: string): void {
    this.discovered.delete(tenantId);
  }

  /** The provider's metadata and our client, discovered once in a while; throws EidError('unavailable') when it does not answer. */
  async configuration(tenantId: string, s: ProviderSettings): Promise<oidc.Configuration> {
    const key = `${s.issuer}\n${s.clientId}\n${s.clientSecret}`;
    const kept = this.discovered.get(tenantId);
    if (kept && kept.key === key && Date.now() - kept.at < DISCOVERY_TTL_MS) return kept.config;
    const issuer = new URL(s.issuer);
    const insecure = issuer.protocol === 'http:' && (this.config.env !== 'production' || isLoopback(issuer.hostname));
    try {
      const found = await oidc.discovery(issuer, s.clientId, undefined, undefined, {
        timeout: this.config.oidcTimeoutSeconds,
        execute: insecure ? [oidc.allowInsecureRequests] : [],
      });
      const meta = found.serverMetadata();
      // A client secret is sent as the specification's default (HTTP Basic) unless the provider takes only the form field.
      const methods = meta.token_endpoint_auth_methods_supported;
      const auth = !s.clientSecret
        ? oidc.None()
        : methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')
          ? oidc.ClientSecretPost(s.clientSecret)
          : oidc.ClientSecretBasic(s.clientSecret);
      const configuration = new oidc.Configuration(meta, s.clientId, { id_token_signed_response_alg: idTokenAlg(meta) }, auth);
      configuration.timeout = this.config.oidcTimeoutSeconds;
      if (insecure) oidc.allowInsecureRequests(configuration);
      oidc.enableNonRepudiationChecks(configuration);
      this.discovered.set(tenantId, { key, at: Date.now(), config: configuration });
      return configuration;
    } catch (err) {
      throw failureOf(err).failure === 'token' ? new EidError('unavailable', undefined, { cause: err }) : failureOf(err);
    }
  }

  /** Where to send the browser: the authorization request with PKCE, state and nonce. */
  async authorizationUrl(
    tenantId: string,
    s: ProviderSettings,
    redirectUri: string,
    flow: { state: string; nonce: string; codeVerifier: string },
    lang: string,
  ): Promise<string> {
    const configuration = await this.configuration(tenantId, s);
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: s.scope,
      response_type: 'code',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
      ui_locales: lang,
      ...acrRequest(configuration.serverMetadata().acr_values_supported, s.staffLevel),
    });
    return url.href;
  }

  /**
   * Trades the code for tokens and checks the ID token; the person as the provider vouches for
   * them, with the personal number already hashed. Claims the ID token lacks are read from the
   * user-info endpoint where there is one.
   */
  async complete(
    tenantId: string,
    s: ProviderSettings,
    callbackUrl: URL,
    flow: { state: string; nonce: string; codeVerifier: string },
  ): Promise<VerifiedIdentity> {
    const configuration = await this.configuration(tenantId, s);
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      throw failureOf(err);
    }
    const claims = tokens.claims();
    if (!claims) throw new EidError('token');
    let info: Record<string, unknown> = {};
    if (tokens.access_token && configuration.serverMetadata().userinfo_endpoint) {
      try {
        info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      } catch {
        // The ID token is enough to sign in; the user-info endpoint only adds names and e-mail.
      }
    }
    const all: Record<string, unknown> = { ...info, ...claims };
    const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    const name = str(all.name) || [str(all.given_name), str(all.family_name)].filter(Boolean).join(' ');
    const email = str(all.email);
    const number = str(all[PERSONAL_NUMBER_CLAIM]);
    return {
      issuer: claims.iss,
      subject: claims.sub,
      personalNumberHash: /^\d{12}$/.test(number.replace(/\D/g, '')) ? this.personalNumberHash(tenantId, number) : null,
      acr: str(claims.acr) || null,
      name: name.slice(0, 120),
      email: email && email.length <= 320 && email.includes('@') ? email : null,
      emailVerified: !!email && (all.email_verified === true || all.email_verified === 'true'),
      idTokenSealed: tokens.id_token ? seal(this.config.sessionSecret, ID_TOKEN_PURPOSE, tokens.id_token) : null,
    };
  }

  /** The provider's sign-out address for an e-ID session, or null when the provider has none. */
  async endSessionUrl(tenantId: string, s: ProviderSettings, idTokenSealed: string | null, postLogoutUri: string): Promise<string | null> {
    let configuration: oidc.Configuration;
    try {
      configuration = await this.configuration(tenantId, s);
    } catch {
      return null;
    }
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    const idToken = idTokenSealed ? unseal(this.config.sessionSecret, ID_TOKEN_PURPOSE, idTokenSealed) : null;
    const params: Record<string, string> = { post_logout_redirect_uri: postLogoutUri, client_id: s.clientId };
    if (idToken) params.id_token_hint = idToken;
    return oidc.buildEndSessionUrl(configuration, params).href;
  }
}

/**
 * The `acr_values` to ask for: of the levels the provider says it offers, those at or above what
 * staff need (all of them when nothing is required), so the ID token says which level it is. A
 * provider that lists none is not asked; its `acr`, if any, is read all the same.
 */
function acrRequest(supported: unknown, staffLevel: number | null): { acr_values?: string } {
  if (!Array.isArray(supported)) return {};
  const wanted = supported
    .filter((v): v is string => typeof v === 'string' && v.length <= 200)
    .filter((v) => eidLevel(v, 'eid') >= Math.max(staffLevel ?? 2, 2))
    .sort((a, b) => eidLevel(b, 'eid') - eidLevel(a, 'eid'));
  return wanted.length > 0 ? { acr_values: wanted.join(' ') } : {};
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/** RS256 unless the provider signs ID tokens only otherwise. */
function idTokenAlg(meta: oidc.ServerMetadata): string {
  const algs = meta.id_token_signing_alg_values_supported;
  return !algs || algs.includes('RS256') ? 'RS256' : (algs.find((a) => a !== 'none') ?? 'RS256');
}
