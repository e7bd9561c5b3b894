import type { FastifyReply, FastifyRequest } from 'fastify';
import { securityHeadersFor } from './security-headers.js';

const PAGE = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="description" content="Mötesplats"><title>Felaktig adress – Mötesplats</title><link rel="stylesheet" href="/static/css/site.css"></head><body><main id="main"><h1>Felaktig adress</h1><p>Adressen kunde inte tolkas. Kontrollera den och försök igen.</p><p lang="en">The address could not be read. Check it and try again.</p><p><a href="/">Till startsidan</a> · <a href="/" lang="en">To the start page</a></p></main></body></html>`;

/**
 * Answers what Fastify refuses before any hook runs (a path with bad percent-encoding, a
 * malformed content type): a plain 400 page in both languages with the usual security headers,
 * instead of Fastify's bare JSON.
 */
export function frameworkErrorHandler(error: Error & { statusCode?: number }, req: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  req.log.info({ code: (error as { code?: string }).code, status }, 'request refused');
  void reply.code(status).headers(securityHeadersFor(false)).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(PAGE);
}
