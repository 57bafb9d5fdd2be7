import { z } from 'zod';
import { ROUTES, type RouteDoc } from './openapi-routes';

type JsonSchema = Record<string, unknown>;

/** zod → JSON Schema of what a client sends (input side: defaults optional, coercions as strings) or, for responses, receives. */
function toSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function queryParameters(route: RouteDoc) {
  if (!route.query) return [];
  const schema = toSchema(route.query) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: s,
    description: typeof s.description === 'string' ? s.description : undefined,
  }));
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
}

const problem = { $ref: '#/components/responses/Problem' };

/** Routes whose resource carries an ETag (its configuration version) and honours If-Match. */
const VERSIONED = '/api/v1/groups/{id}';

/** The live stream: resumable with Last-Event-ID, never conditional. */
const EVENTS = '/api/v1/events';

/**
 * GETs answered through lib/api/conditional.ts (lib/api/handler.ts): a weak ETag over the JSON
 * body, and 304 with no body to a matching If-None-Match. Not the stream, nor the group, whose
 * ETag is its configuration version (for If-Match).
 */
const isConditionalGet = (route: RouteDoc) => route.method === 'get' && route.path !== EVENTS && route.path !== VERSIONED;

function headerParameters(route: RouteDoc) {
  if (isConditionalGet(route)) {
    return [{
      name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string', example: 'W/"3q2-7wFt8t1VNYGrpwIYPQ"' },
      description: 'The ETag of the answer you hold (weak, a hash of the JSON body as you may see it). When it still matches, the answer is 304 Not Modified with no body: poll with it, or better, refetch when the live stream (GET /api/v1/events) names the resource.',
    }];
  }
  if (route.path === EVENTS) {
    return [{
      name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string', example: '1765170000000001' },
      description: 'The id of the last event received, when reconnecting (EventSource sends it by itself; `?lastEventId=` works too): the events missed since are sent first, in your scope, or a `reset` event when the id is too old or from before a restart.',
    }];
  }
  if (route.path !== VERSIONED || route.method !== 'patch') return [];
  return [{
    name: 'If-Match', in: 'header', required: false, schema: { type: 'string', example: '"7"' },
    description: 'The ETag of the group as read (GET answers with it; so does every PATCH). A change made on another version is refused with 412. Without it the last writer wins.',
  }];
}

function responses(route: RouteDoc) {
  const out: Record<string, unknown> = {
    [route.success]: route.success === 204
      ? { description: 'No content' }
      : { description: route.returns ?? 'Success', content: { 'application/json': { schema: route.response ? toSchema(route.response, 'output') : { type: 'object' } } } },
    400: problem,
  };
  if (!route.roles.includes('anonymous')) out[401] = problem;
  if (route.roles.length < 3 && !route.roles.includes('anonymous')) out[403] = problem;
  if (route.path.includes('{')) out[404] = problem;
  if (route.tag === 'Operations' && route.method === 'post') Object.assign(out, { 409: problem, 422: problem });
  // Acting on the engine waits while it catches up after a restart (with Retry-After).
  if ((route.tag === 'Operations' || route.tag === 'Journal') && route.method === 'post') {
    out[503] = { ...problem, description: 'The replication engine is catching up after a restart; retry after Retry-After seconds' };
  }
  if (route.tag === 'Recovery plans' && (route.method === 'post' || route.method === 'patch')) out[409] = problem;
  if (route.path === '/api/v1/webhooks' && route.method === 'post') out[409] = { ...problem, description: 'The organisation (or the provider) already has the most endpoints allowed' };
  if (route.tag === 'Users' && route.method !== 'get') Object.assign(out, route.method === 'post' ? { 409: problem } : { 422: problem });
  if (route.path === '/api/v1/auth/token' && route.method === 'post') out[429] = problem;
  if (route.path === '/api/v1/auth/sso') out[429] = { ...problem, description: 'More than 30 look-ups a minute from this address; retry after Retry-After seconds' };
  if ((route.path === '/api/v1/me/totp' && route.method !== 'post') || (route.path === '/api/v1/me/totp/recovery-codes' && route.method === 'post')) {
    out[429] = { ...problem, description: 'Five wrong codes in 15 minutes (one budget per user for these three); retry after Retry-After seconds' };
  }
  if (route.body) out[415] = { ...problem, description: 'The body was not sent as Content-Type: application/json' };
  if (route.path === VERSIONED && route.method === 'patch') out[412] = { ...problem, description: 'The group changed since the If-Match version was read' };
  if (isConditionalGet(route)) {
    const ok = out[route.success] as Record<string, unknown>;
    out[route.success] = { ...ok, headers: { ETag: { schema: { type: 'string' }, description: 'A weak tag of this answer: send it as If-None-Match to be answered 304 while it has not changed' } } };
    out[304] = { description: 'Not Modified: the answer is still the one whose ETag was sent as If-None-Match (no body)', headers: { ETag: { schema: { type: 'string' } } } };
  }
  if (route.path === EVENTS) {
    out[route.success] = { description: route.returns ?? 'The stream', content: { 'text/event-stream': { schema: { type: 'string' } } } };
    out[429] = { ...problem, description: 'The user holds the most open streams allowed (LIVE_STREAMS_PER_USER); close one (a browser shares one stream between its tabs)' };
  }
  return out;
}

/** The OpenAPI 3.1 document, generated from the zod schemas the handlers validate with. */
export function buildOpenApiDocument(serverUrl = '/') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    paths[route.path] ??= {};
    paths[route.path][route.method] = {
      tags: [route.tag],
      summary: route.summary,
      description: `Roles: ${route.roles.join(', ')}.`,
      parameters: [...pathParameters(route.path), ...queryParameters(route), ...headerParameters(route)],
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.body) } } } } : {}),
      responses: responses(route),
      security: route.roles.includes('anonymous') ? [] : [{ bearer: [] }, { session: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'CloudShield API',
      version: '1.0.0',
      description: 'Disaster recovery as a service: protection groups, journal, failover operations, alerts, reports and provider administration. Errors are RFC 9457 problem details.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A token from POST /api/v1/auth/token or Settings → API tokens, at most 90 days. Scope `read`: GET and HEAD only (other methods answer 403 with tokenScope "read", requiredScope "full"); scope `full`: whatever the owner\'s role may do. Revoked when an administrator resets the owner\'s password; refused while the owner must change their password.' },
        session: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token' },
      },
      responses: {
        Problem: {
          description: 'RFC 9457 problem details',
          content: {
            'application/problem+json': {
              schema: {
                type: 'object',
                required: ['status', 'title', 'detail'],
                properties: {
                  type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
                  errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
                  checks: { type: 'array', items: { type: 'object', properties: { check: { type: 'string' }, message: { type: 'string' } } } },
                },
              },
            },
          },
        },
      },
    },
    paths,
  };
}
