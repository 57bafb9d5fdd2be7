/**
 * Browser calls to the portal's own REST API (same origin, session cookie). A problem+json
 * answer becomes an ApiProblem carrying the status, the message and any failed checks.
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

export async function apiJson<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    cache: 'no-store',
  });
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok) {
    const detail = typeof body?.detail === 'string' ? body.detail : `The request failed (${res.status}).`;
    const checks = Array.isArray(body?.checks) ? (body.checks as FailedCheck[]) : [];
    throw new ApiProblem(res.status, typeof body?.title === 'string' ? body.title : 'Error', detail, checks);
  }
  return body as T;
}
