import helmet from 'helmet';

const cache = new Map<boolean, Record<string, string>>();

/** The security headers every answer carries (CSP, HSTS on https, and the rest), worked out once by helmet. */
export function securityHeadersFor(secure: boolean): Record<string, string> {
  let headers = cache.get(secure);
  if (!headers) {
    headers = build(secure);
    cache.set(secure, headers);
  }
  return headers;
}

function build(secure: boolean): Record<string, string> {
  return headersOf(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          ...(secure ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      hsts: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
}

/** The headers a helmet middleware sets, read once from a stand-in response. */
function headersOf(middleware: ReturnType<typeof helmet>): Record<string, string> {
  const out: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => {
      out[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete out[name.toLowerCase()];
    },
  };
  middleware({} as Parameters<typeof middleware>[0], res as unknown as Parameters<typeof middleware>[1], () => {});
  return out;
}
