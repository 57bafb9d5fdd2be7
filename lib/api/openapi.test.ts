import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi';
import { ROUTES } from './openapi-routes';

/** Every route.ts under app/api/v1 with the HTTP methods it exports. */
function implementedRoutes(): string[] {
  const root = path.join(process.cwd(), 'app', 'api', 'v1');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const source = fs.readFileSync(full, 'utf8');
        const apiPath = '/api/v1/' + path.relative(root, dir).split(path.sep).join('/').replace(/\[(\w+)\]/g, '{$1}');
        for (const m of source.matchAll(/export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g)) out.push(`${m[1].toLowerCase()} ${apiPath}`);
      }
    }
  };
  walk(root);
  return out.filter((r) => !r.endsWith('/openapi.json'));
}

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument();

  it('documents every implemented endpoint, and nothing that does not exist', () => {
    const documented = new Set(ROUTES.map((r) => `${r.method} ${r.path}`));
    const implemented = implementedRoutes();
    const undocumented = implemented.filter((r) => !documented.has(r));
    expect(undocumented).toEqual([]);
    const phantom = [...documented].filter((r) => !implemented.includes(r));
    expect(phantom).toEqual([]);
  });

  it('derives request bodies from the zod schemas, with their fields and limits', () => {
    type Op = { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown>; required: string[] } }> }; security: unknown[]; responses: object };
    const create = (doc.paths['/api/v1/groups'] as Record<string, Op>).post.requestBody.content['application/json'].schema;
    expect(create.properties.journalHistoryHours).toMatchObject({ minimum: 1, maximum: 720 });
    expect(create.required).toEqual(expect.arrayContaining(['name', 'sourceSiteId', 'targetSiteId']));
    const token = (doc.paths['/api/v1/auth/token'] as Record<string, Op>).post;
    expect(token.security).toEqual([]);
    expect(token.responses).toHaveProperty('429');
    expect(token.responses).toHaveProperty('415');
  });

  it('documents the audit entry: real time, the simulated time beside it, the system actor and the target\'s name', () => {
    type Schema = { properties: Record<string, Schema>; items: Schema; anyOf?: { enum?: string[] }[] };
    type Get = { get: { responses: Record<string, { content: Record<string, { schema: Schema }> }> } };
    const entry = (doc.paths['/api/v1/audit'] as unknown as Get).get.responses[200].content['application/json'].schema.properties.items.items.properties;
    expect(Object.keys(entry)).toEqual(expect.arrayContaining(['id', 'time', 'timeClock', 'simulatedTime', 'actorRole', 'targetId', 'targetName']));
    expect(entry.actorRole.anyOf?.[0].enum).toContain('system');
  });
});

describe('OpenAPI document: test results and the recovery report', () => {
  const doc = buildOpenApiDocument();
  type Op = { parameters: { name: string; schema: { enum?: string[] } }[]; responses: Record<string, { description: string }> };
  const op = (path: string) => (doc.paths[path] as Record<string, Op>).get;

  it('says what lastTestedAt, lastTestResult and lastTestEndedAt of a group mean', () => {
    for (const path of ['/api/v1/groups', '/api/v1/groups/{id}']) {
      expect(op(path).responses[200].description).toMatch(/lastTestedAt \(when the last \*passed\* test.*lastTestResult \(passed\/failed/);
    }
  });

  it('documents the recovery report with its filters', () => {
    const params = Object.fromEntries(op('/api/v1/reports/recovery').parameters.map((p) => [p.name, p.schema]));
    expect(params.type.enum).toEqual(['test-failover', 'failover', 'move', 'failback']);
    expect(params.result.enum).toEqual(['passed', 'failed']);
    expect(Object.keys(params)).toEqual(expect.arrayContaining(['groupId', 'from', 'to', 'tenantId']));
  });

  it('documents If-None-Match and 304 on the conditional GETs, and Last-Event-ID on the live stream', () => {
    type Op = { parameters: { name: string; in: string }[]; responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, unknown> }> };
    const op = (p: string, m = 'get') => (doc.paths[p] as Record<string, Op>)[m];
    const headers = (o: Op) => o.parameters.filter((x) => x.in === 'header').map((x) => x.name);
    for (const p of ['/api/v1/groups', '/api/v1/groups/{id}/rpo', '/api/v1/dashboard']) {
      if (!doc.paths[p]) continue;
      expect(headers(op(p)), p).toContain('If-None-Match');
      expect(op(p).responses['304'], p).toBeDefined();
      expect(op(p).responses['200'].headers, p).toHaveProperty('ETag');
    }
    // The group's own ETag is its configuration version (If-Match on PATCH), not a conditional GET.
    expect(headers(op('/api/v1/groups/{id}'))).not.toContain('If-None-Match');
    expect(headers(op('/api/v1/groups/{id}', 'patch'))).toContain('If-Match');
    const events = op('/api/v1/events');
    expect(headers(events)).toEqual(['Last-Event-ID']);
    expect(events.responses['304']).toBeUndefined();
    expect(events.responses['200'].content).toHaveProperty('text/event-stream');
    expect(events.responses['429']).toBeDefined();
    // Writes are not conditional.
    expect(headers(op('/api/v1/groups', 'post'))).not.toContain('If-None-Match');
  });
});
