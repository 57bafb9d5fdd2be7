import type { Metadata } from 'next';
import Link from 'next/link';
import { EndpointCard, type EndpointView } from '@/components/api-reference/endpoint-card';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { buildOpenApiDocument } from '@/lib/api/openapi';

export const metadata: Metadata = { title: 'API reference' };

type Operation = { tags: string[]; summary: string; description: string; parameters: EndpointView['parameters']; requestBody?: { content: { 'application/json': { schema: unknown } } }; responses: Record<string, unknown> };

/** The REST API, rendered from the same OpenAPI document that /api/v1/openapi.json serves. */
export default function ApiReferencePage() {
  const doc = buildOpenApiDocument();
  const byTag = new Map<string, EndpointView[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as Operation;
      const view: EndpointView = {
        method, path, summary: op.summary, description: op.description, parameters: op.parameters,
        body: op.requestBody?.content['application/json'].schema ?? null, responses: Object.keys(op.responses),
      };
      byTag.set(op.tags[0], [...(byTag.get(op.tags[0]) ?? []), view]);
    }
  }
  return (
    <>
      <PageHeader
        title="API reference"
        description="Script your DR with the same rules as the portal. Authenticate with a bearer token (Settings → API tokens, or POST /api/v1/auth/token); errors are RFC 9457 problem details naming the field."
        actions={<Link className="text-sm text-sky-700 underline dark:text-sky-400" href="/api/v1/openapi.json">OpenAPI 3.1 document</Link>}
      />
      <div className="space-y-4">
        {[...byTag.entries()].map(([tag, endpoints]) => (
          <Card key={tag}>
            <CardHeader title={tag} />
            <CardBody className="space-y-2">
              {endpoints.map((e) => (
                <EndpointCard key={`${e.method} ${e.path}`} endpoint={e} />
              ))}
            </CardBody>
          </Card>
        ))}
      </div>
    </>
  );
}
