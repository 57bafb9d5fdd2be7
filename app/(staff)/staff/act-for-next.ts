/**
 * Where acting for a tenant may land besides the portal's home: only the recovery-run wizard
 * (the staff site page's "Recover for <tenant>"). Anything else, an absolute URL, a
 * protocol-relative `//host` or a path elsewhere, falls back to `/`: never an open redirect.
 */
export function actForLanding(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/recovery/new') || next.startsWith('//') || next.includes('\\')) return '/';
  try {
    const url = new URL(next, 'http://portal.internal');
    if (url.origin !== 'http://portal.internal' || url.pathname !== '/recovery/new') return '/';
    return `${url.pathname}${url.search}`;
  } catch {
    return '/';
  }
}
