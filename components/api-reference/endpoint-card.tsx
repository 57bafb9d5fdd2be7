'use client';

import { useId, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/field';

export type EndpointView = {
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: { name: string; in: string; required: boolean }[];
  body: unknown;
  responses: string[];
};

const METHOD_TONE = { get: 'info', post: 'success', patch: 'warning', put: 'warning', delete: 'danger' } as const;

/**
 * One endpoint: its parameters, body schema and answers, and a "Try it" for GET requests,
 * sent with the signed-in session so the answer is exactly what your role may see.
 */
export function EndpointCard({ endpoint }: { endpoint: EndpointView }) {
  const id = useId();
  const pathParams = endpoint.parameters.filter((p) => p.in === 'path');
  const [values, setValues] = useState<Record<string, string>>({});
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{ status: number; body: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function tryIt() {
    setPending(true);
    try {
      let url = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
      if (query.trim()) url += `?${query.trim().replace(/^\?/, '')}`;
      const res = await fetch(url, { headers: { accept: 'application/json' } });
      const text = await res.text();
      let body = text;
      try {
        body = JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        /* not JSON: show as is */
      }
      setResult({ status: res.status, body: body.length > 20_000 ? `${body.slice(0, 20_000)}\n…` : body });
    } finally {
      setPending(false);
    }
  }

  return (
    <details className="group rounded-md border border-slate-200 dark:border-slate-800" data-testid="api-endpoint">
      <summary className="flex cursor-pointer items-center gap-3 px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-sky-600">
        <Badge tone={METHOD_TONE[endpoint.method as keyof typeof METHOD_TONE] ?? 'neutral'} className="w-16 justify-center font-mono uppercase">
          {endpoint.method}
        </Badge>
        <code className="font-mono text-xs text-slate-900 dark:text-slate-100">{endpoint.path}</code>
        <span className="truncate text-slate-600 dark:text-slate-400">{endpoint.summary}</span>
      </summary>
      <div className="space-y-3 border-t border-slate-200 px-3 py-3 text-sm dark:border-slate-800">
        <p className="text-slate-600 dark:text-slate-400">
          {endpoint.description} Answers: {endpoint.responses.join(', ')}.
        </p>
        {endpoint.parameters.length > 0 && (
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Parameters:{' '}
            {endpoint.parameters.map((p) => (
              <code key={`${p.in}-${p.name}`} className="mr-2 font-mono">
                {p.name}
                {p.required ? '' : '?'} <span className="text-slate-400">({p.in})</span>
              </code>
            ))}
          </p>
        )}
        {endpoint.body !== null && (
          <div>
            <h4 className="mb-1 text-xs font-semibold text-slate-700 dark:text-slate-300">Request body (JSON Schema)</h4>
            <pre className="max-h-72 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-950">{JSON.stringify(endpoint.body, null, 2)}</pre>
          </div>
        )}
        {endpoint.method === 'get' && (
          <div className="flex flex-wrap items-end gap-2">
            {pathParams.map((p) => (
              <label key={p.name} className="text-xs text-slate-700 dark:text-slate-300" htmlFor={`${id}-${p.name}`}>
                {p.name}
                <Input id={`${id}-${p.name}`} value={values[p.name] ?? ''} onChange={(e) => setValues({ ...values, [p.name]: e.target.value })} className="mt-1 w-56" />
              </label>
            ))}
            <label className="text-xs text-slate-700 dark:text-slate-300" htmlFor={`${id}-query`}>
              Query string
              <Input id={`${id}-query`} value={query} onChange={(e) => setQuery(e.target.value)} placeholder="limit=20" className="mt-1 w-56" />
            </label>
            <Button size="sm" variant="primary" onClick={tryIt} pending={pending}>
              Try it
            </Button>
          </div>
        )}
        {result && (
          <div aria-live="polite">
            <h4 className="mb-1 text-xs font-semibold text-slate-700 dark:text-slate-300">Status {result.status}</h4>
            <pre className="max-h-96 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-950">{result.body}</pre>
          </div>
        )}
      </div>
    </details>
  );
}
