import { generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID provider for the tests: panva's oidc-provider (a certified implementation) on a
 * free port, with people who carry the Swedish OIDC profile's claims. In front of it sits a small
 * pass-through on the issuer's address that can misbehave the way a network or a broken broker
 * does (a token for another audience, expired or wrongly signed, a slow or a dead token endpoint),
 * so each failure reaches the service as it would in life; the protocol itself is never faked.
 */

export const LOA3 = 'http://id.elegnamnden.se/loa/1.0/loa3';
export const LOA2 = 'http://id.elegnamnden.se/loa/1.0/loa2';
export const PNR_CLAIM = 'https://id.oidc.se/claim/personalIdentityNumber';

export interface TestPerson {
  sub: string;
  given_name: string;
  family_name: string;
  email?: string;
  email_verified?: boolean;
  personalIdentityNumber?: string;
  acr?: string;
}

export type Mode = 'pass' | 'wrongAudience' | 'expired' | 'badSignature' | 'slow' | 'down';

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  people: Map<string, TestPerson>;
  /** How the token endpoint behaves from now on. */
  mode: Mode;
  /** The environment that points the service's default municipality here. */
  env: Record<string, string>;
  close(): Promise<void>;
}

const b64 = (v: Buffer | string) => Buffer.from(v).toString('base64url');

function resign(idToken: string, key: KeyObject, kid: string, change: (claims: Record<string, unknown>) => void): string {
  const [, payload] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
  change(claims);
  const head = b64(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = b64(JSON.stringify(claims));
  return `${head}.${body}.${b64(sign('sha256', Buffer.from(`${head}.${body}`), key))}`;
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

/** The provider's sign-in page: pick a person (the test's stand-in for BankID). */
function loginPage(uid: string, people: TestPerson[]): string {
  const buttons = people.map((p) => `<button type="submit" name="person" value="${p.sub}">${p.given_name} ${p.family_name}</button>`).join('\n');
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Test-e-legitimation</title></head>
<body><main><h1>Test-e-legitimation</h1><form method="post" action="/interaction/${uid}">${buttons}
<button type="submit" name="person" value="">Avbryt</button></form></main></body></html>`;
}

export async function startTestProvider(opts: { redirectUris: string[]; postLogoutUris: string[]; people: TestPerson[] }): Promise<TestProvider> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = 'test-key';
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
  const front = createServer();
  const port = await listen(front);
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'motesplats';
  const clientSecret = `secret-${randomUUID()}`;
  const people = new Map(opts.people.map((p) => [p.sub, p]));

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        post_logout_redirect_uris: opts.postLogoutUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: ['test-cookie-key'] },
    claims: {
      acr: null,
      auth_time: null,
      iss: null,
      sid: null,
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name'],
      email: ['email', 'email_verified'],
      'https://id.oidc.se/scope/naturalPersonNumber': [PNR_CLAIM],
    },
    acrValues: [LOA2, LOA3, 'http://id.elegnamnden.se/loa/1.0/loa4'],
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => {
      const p = people.get(sub);
      if (!p) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          given_name: p.given_name,
          family_name: p.family_name,
          name: `${p.given_name} ${p.family_name}`,
          ...(p.email ? { email: p.email, email_verified: p.email_verified ?? false } : {}),
          ...(p.personalIdentityNumber ? { [PNR_CLAIM]: p.personalIdentityNumber } : {}),
        }),
      };
    },
  });
  const inner = createServer(provider.callback());
  const innerPort = await listen(inner);

  const state: TestProvider = {
    issuer,
    clientId,
    clientSecret,
    people,
    mode: 'pass',
    env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret, OIDC_LABEL: 'Test-e-legitimation', OIDC_TIMEOUT_SECONDS: '1' },
    close: async () => {
      front.closeAllConnections();
      inner.closeAllConnections();
      await Promise.all([new Promise((r) => front.close(r)), new Promise((r) => inner.close(r))]);
    },
  };

  const interaction = async (req: IncomingMessage, res: ServerResponse, uid: string) => {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(loginPage(uid, [...people.values()]));
      return;
    }
    const form = new URLSearchParams((await readBody(req)).toString('utf8'));
    const person = people.get(form.get('person') ?? '');
    if (!person) {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: '<script>alert(1)</script> cancelled' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const grant = new provider.Grant({ accountId: person.sub, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: person.sub, acr: person.acr ?? LOA3 }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  };

  // Everything passes through to the provider; the token endpoint may misbehave as `mode` says.
  front.on('request', async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', issuer);
      const uid = /^\/interaction\/([^/]+)$/.exec(url.pathname)?.[1];
      if (uid) return await interaction(req, res, uid);
      const isToken = url.pathname === '/token';
      if (isToken && state.mode === 'down') return req.socket.destroy();
      if (isToken && state.mode === 'slow') await new Promise((r) => setTimeout(r, 2500));
      const body = await readBody(req);
      const upstream = request({ host: '127.0.0.1', port: innerPort, method: req.method, path: req.url, headers: req.headers }, async (up) => {
        const answer = await readBody(up);
        const headers = { ...up.headers };
        let out = answer;
        if (isToken && state.mode !== 'pass' && up.statusCode === 200) {
          const json = JSON.parse(answer.toString('utf8'));
          const now = Math.floor(Date.now() / 1000);
          if (state.mode === 'wrongAudience')
            json.id_token = resign(json.id_token, privateKey, kid, (c) => {
              c.aud = 'another-service';
            });
          if (state.mode === 'expired')
            json.id_token = resign(json.id_token, privateKey, kid, (c) => {
              c.iat = now - 7200;
              c.exp = now - 3600;
            });
          if (state.mode === 'badSignature') json.id_token = resign(json.id_token, other, kid, () => {});
          out = Buffer.from(JSON.stringify(json));
          delete headers['content-length'];
        }
        res.writeHead(up.statusCode ?? 502, headers);
        res.end(out);
      });
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    } catch (err) {
      res.statusCode = 500;
      res.end(String(err));
    }
  });
  return state;
}

/** Cookies of one browser at the provider. */
export class ProviderBrowser {
  private jar = new Map<string, string>();
  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair?.indexOf('=') ?? -1;
      if (pair && i > 0) this.jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  private async go(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as object), cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    this.keep(res);
    return res;
  }

  /**
   * Follows the authorization request at the provider as the person `sub` (or cancels, with ''),
   * and returns the address the provider sends the browser back to (the service's callback).
   */
  async authorize(authorizationUrl: string, sub: string): Promise<URL> {
    let res = await this.go(authorizationUrl);
    let location = new URL(res.headers.get('location') ?? '', authorizationUrl);
    if (!location.pathname.startsWith('/interaction/')) throw new Error(`provider did not ask to sign in: ${res.status} ${location}`);
    res = await this.go(location.href, {
      method: 'POST',
      body: new URLSearchParams({ person: sub }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    for (let i = 0; i < 5 && res.status >= 300 && res.status < 400; i++) {
      location = new URL(res.headers.get('location') ?? '', location);
      if (!location.href.startsWith(new URL(authorizationUrl).origin)) return location;
      res = await this.go(location.href);
    }
    throw new Error(`provider did not send the browser back: ${res.status}`);
  }
}
