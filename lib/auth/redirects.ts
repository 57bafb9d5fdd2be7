import type { Role } from '@/lib/schemas/users';

/** Where each role lands after signing in. */
export function homeFor(role: Role): string {
  return role === 'staff' ? '/staff' : '/';
}

/**
 * A callbackUrl we are willing to follow: a path on this site only (no `//evil.example`,
 * no `/\evil`, no absolute URL), and never back to the login page itself.
 */
export function safeCallbackUrl(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (/[\u0000-\u001f]/.test(value)) return null;
  if (value === '/login' || value.startsWith('/login?') || value.startsWith('/api/')) return null;
  return value;
}
