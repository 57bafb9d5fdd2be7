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

function headerParameters(route: RouteDoc) {
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
  if (route.body) out[415] = { ...problem, description: 'The body was not sent as Content-Type: application/json' };
  if (route.path === VERSIONED && route.method === 'patch') out[412] = { ...problem, description: 'The group changed since the If-Match version was read' };
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
