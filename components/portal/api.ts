/**
 * Reads of the portal's own REST API from the browser (same origin, session cookie). Live
 * widgets poll these; mutations go through server actions instead.
 */
export class FetchError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' }, cache: 'no-store', signal });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { detail?: unknown } | null;
    throw new FetchError(res.status, typeof body?.detail === 'string' ? body.detail : `The request failed (${res.status}).`);
  }
  return (await res.json()) as T;
}

/** A query string from defined values only. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] != null && e[1] !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
}
