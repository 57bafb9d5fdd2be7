/**
 * Browser calls to the portal's own REST API (same origin, session cookie). Live widgets poll
 * these; a problem+json answer becomes an ApiProblem carrying the status, the title, the
 * message and any failed checks.
 */
export type FailedCheck = { check: string; message: string };

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly checks: FailedCheck[] = [],
  ) {
    super(message);
  }
}

export async function apiJson<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    // A GET revalidates with the ETag the browser holds (304, no body, when nothing changed).
    cache: (init.method ?? 'GET') === 'GET' ? 'no-cache' : 'no-store',
    signal: init.signal,
  });
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok) {
    const detail = typeof body?.detail === 'string' ? body.detail : `The request failed (${res.status}).`;
    const checks = Array.isArray(body?.checks) ? (body.checks as FailedCheck[]) : [];
    throw new ApiProblem(res.status, typeof body?.title === 'string' ? body.title : 'Error', detail, checks);
  }
  return body as T;
}

/** A query string from defined values only. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] != null && e[1] !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
}
