import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../platform/authz/index.js';
import { SHARED_PAGE } from '../../../platform/http/render-cache.js';
import { UNSAFE_CHARS } from '../../../platform/http/validation.js';
import type { AppServices } from '../../../platform/module.js';
import { addDays, startOfLocalDay } from '../../../platform/time.js';
import { listFunctions, listLocalities } from '../../tenancy/index.js';
import { askQuestion } from '../commands.js';
import { questionPath } from '../paths.js';
import { listCategories } from '../queries.js';
import { document, errorDocument, type Format, mySocietyStatus, open311Status } from './format.js';
import { verifyKey } from './keys.js';
import { listRequests, listServices, listUpdates, MAX_REQUESTS, type RequestRow, requestForToken } from './queries.js';

export const OPEN311_PREFIX = '/open311/v2';
const FORMATS: Format[] = ['xml', 'json'];
const DAY = 24 * 60 * 60 * 1000;

/** An error the API answers in the standard's error document, with its HTTP status. */
class Open311Error extends Error {
  constructor(
    readonly statusCode: 400 | 403 | 404,
    message: string,
  ) {
    super(message);
  }
}

const formatOf = (url: string): Format => (/\.json(\?|$)/.test(url) ? 'json' : 'xml');

/** `<name>.<format>` in an address: the name, or a 404 in the standard's form. */
function splitResource(resource: string): { name: string; format: Format } {
  const m = /^([A-Za-z0-9_-]{1,100})\.(xml|json)$/.exec(resource);
  if (!m) throw new Open311Error(404, 'Not found: the address is <id>.xml or <id>.json');
  return { name: m[1] as string, format: m[2] as Format };
}

/** A W3C date-time from the query, or a 400 naming the parameter. */
function dateParam(value: unknown, name: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? new Date(value) : null;
  if (!d || Number.isNaN(d.getTime())) throw new Open311Error(400, `${name} must be a W3C date-time, for example 2026-12-01T09:30:00+01:00`);
  return d;
}

function listParam(value: unknown): string[] | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, MAX_REQUESTS);
}

/** Text a client sends: no control characters (but line breaks) and none of the marks that disguise text. */
const field = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => !UNSAFE_CHARS.test(v))
    .optional()
    .default('');

/** What a client posts to file a request (form-encoded, as the standard says). */
const PostRequest = z.object({
  api_key: field(200),
  service_code: field(100),
  lat: field(40),
  long: field(40),
  address_string: field(300),
  address_id: field(100),
  email: field(300),
  first_name: field(100),
  last_name: field(100),
  phone: field(100),
  description: field(20_000),
  media_url: field(1000),
  'attribute[title]': field(1000),
});

/** The longest description a request may have. */
export const MAX_DESCRIPTION = 4000;

/**
 * Open311 GeoReport v2 at `/open311/v2/`, in XML and JSON: discovery, the categories as services
 * (with their definitions), filing a request with an API key an administrator issued, reading
 * requests and tokens, and mySociety's `servicerequestupdates` so FixMyStreet-style clients can read
 * status changes back. What is confidential is left out exactly as on the public pages.
 */
export function open311Routes(app: FastifyInstance, { db, config, translator }: AppServices): void {
  app.register(
    async (api) => {
      api.setErrorHandler(async (err: Error & { statusCode?: number; validationContext?: string }, req, reply) => {
        const status = err instanceof Open311Error ? err.statusCode : err.validationContext === 'params' ? 404 : (err.statusCode ?? 500);
        if (status >= 500) req.log.error({ err }, 'open311 request failed');
        const doc = errorDocument(formatOf(req.url), status, status >= 500 ? 'Internal error' : err.message);
        return reply.code(status).type(doc.type).send(doc.body);
      });
      api.setNotFoundHandler(async (req, reply) => {
        const doc = errorDocument(formatOf(req.url), 404, 'Not found');
        return reply.code(404).type(doc.type).send(doc.body);
      });

      const send = (reply: FastifyReply, d: { type: string; body: string }, status = 200) =>
        reply.code(status).header('access-control-allow-origin', '*').type(d.type).send(d.body);
      const base = (req: FastifyRequest) => `${req.tenant.baseUrl ?? config.baseUrl}${OPEN311_PREFIX}`;

      /** The requests as GeoReport items; what every row shares (the language, the due dates' ends) is worked out once. */
      const requestsDocument = async (req: FastifyRequest, format: Format, rows: RequestRow[]) => {
        const fnNames = new Map((await listFunctions(db, req.tenant.id)).map((f) => [f.id, f.name]));
        const t = translator.t(req.lang);
        const site = req.tenant.baseUrl ?? config.baseUrl;
        const ends = new Map<string, string>();
        const endOf = (due: string) => {
          let end = ends.get(due);
          if (end === undefined) {
            end = new Date(startOfLocalDay(addDays(due, 1), req.tenant.timeZone).getTime() - 1000).toISOString();
            ends.set(due, end);
          }
          return end;
        };
        const items = rows.map((r) => {
          const label = t(`questions.status.${r.status}`);
          const detail = r.status === 'answered' ? r.answer : r.lastNote;
          return {
            service_request_id: r.slug,
            status: open311Status(r.status),
            status_notes: detail ? `${label}: ${detail}` : label,
            service_name: r.serviceName,
            service_code: r.serviceCode,
            description: r.description,
            agency_responsible: fnNames.get(r.functionId) ?? '',
            service_notice: r.number,
            requested_datetime: r.receivedAt.toISOString(),
            updated_datetime: r.updatedAt.toISOString(),
            expected_datetime: r.dueDate ? endOf(r.dueDate) : '',
            address: r.address,
            address_id: '',
            zipcode: '',
            lat: r.placeSecret || r.lat === null ? '' : r.lat,
            long: r.placeSecret || r.lng === null ? '' : r.lng,
            media_url: r.mediaId ? `${site}/fragor/${r.slug}/bilagor/${r.mediaId}` : '',
          };
        });
        return document(format, 'service_requests', 'request', items);
      };

      for (const format of FORMATS) {
        api.get(`/discovery.${format}`, SHARED_PAGE, async (req, reply) => {
          const t = translator.t(req.lang);
          const endpoint = {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: base(req),
            changeset: '2026-12-01T00:00:00Z',
            type: 'production',
          };
          const common = {
            changeset: '2026-12-01T00:00:00Z',
            contact: t('questions.open311.contact', { municipality: req.tenant.name, url: `${req.tenant.baseUrl ?? config.baseUrl}/tillganglighet` }),
            key_service: t('questions.open311.keyService', { url: `${req.tenant.baseUrl ?? config.baseUrl}/admin/fragor` }),
          };
          const formats = ['text/xml', 'application/json'];
          return send(
            reply,
            format === 'json'
              ? document('json', 'discovery', null, { ...common, endpoints: [{ ...endpoint, formats }] })
              : document('xml', 'discovery', null, { ...common, endpoints: { endpoint: { ...endpoint, formats: { format: formats } } } }),
          );
        });

        api.get(`/services.${format}`, SHARED_PAGE, async (req, reply) => {
          const services = await listServices(db, req.tenant.id);
          return send(
            reply,
            document(
              format,
              'services',
              'service',
              services.map((s) => ({
                service_code: s.code,
                service_name: s.name,
                description: s.description,
                metadata: true,
                type: 'realtime',
                keywords: [s.group, s.name].filter(Boolean).join(', '),
                group: s.group,
              })),
            ),
          );
        });

        api.get(`/requests.${format}`, SHARED_PAGE, async (req, reply) => {
          const q = req.query as Record<string, unknown>;
          const ids = listParam(q.service_request_id)?.map((s) => s.toLowerCase());
          const end = dateParam(q.end_date, 'end_date');
          const start = dateParam(q.start_date, 'start_date') ?? (ids ? undefined : new Date((end ?? new Date()).getTime() - 90 * DAY));
          const status = listParam(q.status);
          if (status?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status must be open, closed or both');
          const limit = q.limit === undefined || q.limit === '' ? MAX_REQUESTS : Number(q.limit);
          if (!Number.isInteger(limit) || limit < 1 || limit > MAX_REQUESTS)
            throw new Open311Error(400, `limit must be a whole number from 1 to ${MAX_REQUESTS}`);
          const rows = await listRequests(db, req.tenant.id, {
            ids,
            serviceCodes: listParam(q.service_code),
            start,
            end,
            status: status as ('open' | 'closed')[] | undefined,
            limit,
          });
          return send(reply, await requestsDocument(req, format, rows));
        });

        api.post(`/requests.${format}`, { config: { skipCsrf: true, rateLimit: { max: 300, timeWindow: '1 minute' } } }, async (req, reply) => {
          const parsed = PostRequest.safeParse(req.body ?? {});
          if (!parsed.success)
            throw new Open311Error(
              400,
              `${parsed.error.issues[0]?.path.join('.') ?? 'A field'} is too long, not text or holds characters that are not allowed`,
            );
          const p = parsed.data;
          const keyId = p.api_key ? await verifyKey(db, req.tenant.id, p.api_key) : null;
          if (!keyId) throw new Open311Error(403, 'api_key is missing or not valid');
          const categories = await listCategories(db, req.tenant.id);
          const category = categories.find((c) => c.code === p.service_code);
          if (!p.service_code) throw new Open311Error(400, 'service_code is required');
          if (!category) throw new Open311Error(400, `service_code ${p.service_code} was not found`);
          const lat = p.lat === '' ? null : Number(p.lat);
          const lng = p.long === '' ? null : Number(p.long);
          if ((lat === null) !== (lng === null)) throw new Open311Error(400, 'lat and long are given together');
          if (lat !== null && (!Number.isFinite(lat) || lat < -90 || lat > 90)) throw new Open311Error(400, 'lat must be a WGS 84 latitude');
          if (lng !== null && (!Number.isFinite(lng) || lng < -180 || lng > 180)) throw new Open311Error(400, 'long must be a WGS 84 longitude');
          const address = (p.address_string || p.address_id).trim();
          if (lat === null && !address) throw new Open311Error(400, 'A location is required: lat and long, address_string or address_id');
          const description = p.description.trim();
          if (description.length > MAX_DESCRIPTION) throw new Open311Error(400, `description is longer than ${MAX_DESCRIPTION} characters`);
          const title = p['attribute[title]'].trim();
          if (!description && !title) throw new Open311Error(400, 'description is required');
          if (title.length > 200) throw new Open311Error(400, 'attribute[title] is longer than 200 characters');
          // The subject for the register: the title, or the description's first line, shortened.
          const firstLine = (title || description).split('\n')[0]?.trim() ?? '';
          const subject = firstLine.length > 120 ? `${firstLine.slice(0, 117).trimEnd()}…` : firstLine;
          const localities = await listLocalities(db, req.tenant.id);
          const locality = localities.find((l) => address.toLowerCase().includes(l.name.toLowerCase()));
          const name = `${p.first_name} ${p.last_name}`.trim();
          const contact = [p.email, p.phone].filter(Boolean).join(', ');
          const client: Actor = { tenantId: req.tenant.id, user: null, roles: [] };
          const result = await askQuestion(
            db,
            client,
            {
              subject,
              body: description || title,
              categoryId: category.id,
              localityId: locality?.id ?? null,
              address: address.slice(0, 300),
              showName: false,
              lat,
              lng,
            },
            { timeZone: req.tenant.timeZone, onBehalf: { name, contact, channel: 'app' }, apiKeyId: keyId },
          );
          if (!result.ok) throw new Open311Error(400, 'The request could not be registered');
          const t = translator.t(req.lang);
          return send(
            reply,
            document(format, 'service_requests', 'request', [
              {
                service_request_id: result.value.slug,
                service_notice: t('questions.open311.notice', {
                  number: result.value.number,
                  url: `${req.tenant.baseUrl ?? config.baseUrl}${questionPath(result.value)}`,
                }),
                account_id: '',
              },
            ]),
          );
        });

        api.get(`/servicerequestupdates.${format}`, SHARED_PAGE, async (req, reply) => {
          const q = req.query as Record<string, unknown>;
          const end = dateParam(q.end_date, 'end_date');
          const start = dateParam(q.start_date, 'start_date') ?? new Date((end ?? new Date()).getTime() - 90 * DAY);
          const rows = await listUpdates(db, req.tenant.id, { start, end, limit: MAX_REQUESTS });
          const functions = new Map((await listFunctions(db, req.tenant.id)).map((f) => [f.id, f.name]));
          const t = translator.t(req.lang);
          return send(
            reply,
            document(
              format,
              'service_request_updates',
              'request_update',
              rows.map((r) => {
                const step = t(`questions.steps.${r.kind}` as 'questions.steps.received', { function: functions.get(r.functionId ?? '') ?? '' });
                const text = r.kind === 'answered' ? r.answer : r.note;
                return {
                  update_id: r.id,
                  service_request_id: r.slug,
                  status: mySocietyStatus(r.status ?? 'received'),
                  updated_datetime: r.at.toISOString(),
                  description: text ? `${step} ${text}` : step,
                  media_url: '',
                };
              }),
            ),
          );
        });
      }

      api.get<{ Params: { resource: string } }>('/services/:resource', SHARED_PAGE, async (req, reply) => {
        const { name, format } = splitResource(req.params.resource);
        const services = await listServices(db, req.tenant.id);
        if (!services.some((s) => s.code === name)) throw new Open311Error(404, `service_code ${name} was not found`);
        const t = translator.t(req.lang);
        const attribute = {
          variable: true,
          code: 'title',
          datatype: 'string',
          required: false,
          datatype_description: t('questions.open311.titleHint'),
          order: 1,
          description: t('questions.fields.subject'),
        };
        return send(
          reply,
          format === 'json'
            ? document('json', 'service_definition', null, { service_code: name, attributes: [attribute] })
            : document('xml', 'service_definition', null, { service_code: name, attributes: { attribute: [attribute] } }),
        );
      });

      api.get<{ Params: { resource: string } }>('/requests/:resource', SHARED_PAGE, async (req, reply) => {
        const { name, format } = splitResource(req.params.resource);
        const rows = await listRequests(db, req.tenant.id, { ids: [name.toLowerCase()], limit: 1 });
        if (!rows.length) throw new Open311Error(404, `service_request_id ${name} was not found`);
        return send(reply, await requestsDocument(req, format, rows));
      });

      api.get<{ Params: { resource: string } }>('/tokens/:resource', async (req, reply) => {
        const { name, format } = splitResource(req.params.resource);
        const found = /^[0-9a-f-]{36}$/.test(name) ? await requestForToken(db, req.tenant.id, name) : null;
        if (!found) throw new Open311Error(404, `token ${name} was not found`);
        return send(reply, document(format, 'service_requests', 'request', [{ service_request_id: found.slug, token: name }]));
      });
    },
    { prefix: OPEN311_PREFIX },
  );
}
