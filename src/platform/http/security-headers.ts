import helmet from 'helmet';

const cache = new Map<string, Record<string, string>>();

/**
 * The security headers every answer carries (CSP, HSTS on https, and the rest), worked out once by
 * helmet. `tiles` is the origin of the map's tile server, the one outside source of images allowed.
 */
export function securityHeadersFor(secure: boolean, tiles?: string): Record<string, string> {
  const key = `${secure}|${tiles ?? ''}`;
  let headers = cache.get(key);
  if (!headers) {
    headers = build(secure, tiles);
    cache.set(key, headers);
  }
  return headers;
}

function build(secure: boolean, tiles?: string): Record<string, string> {
  return headersOf(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', ...(tiles ? [tiles] : [])],
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
