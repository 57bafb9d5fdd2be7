import { eq } from 'drizzle-orm';
import type { Executor } from '@/db';
import { identityProviders } from '@/db/schema';
import { DomainError } from '@/lib/core/errors';

/**
 * Single sign-on required (issue 19): a tenant whose identity provider has `requireSso` refuses
 * password sign-in (web and API token) for everyone of it but the named break-glass
 * administrator. Asked by verifyCredentials after the password proved right, so a guesser learns
 * nothing from it.
 */
export function passwordSignInRefusedBySso(db: Executor, user: { id: string; tenantId: string | null }): boolean {
  if (!user.tenantId) return false;
  const idp = db
    .select({ requireSso: identityProviders.requireSso, breakGlassUserId: identityProviders.breakGlassUserId })
    .from(identityProviders)
    .where(eq(identityProviders.tenantId, user.tenantId))
    .get();
  return !!idp?.requireSso && idp.breakGlassUserId !== user.id;
}

export class SsoRequiredError extends DomainError {
  readonly code = 'sso-required';
  constructor() {
    super(403, 'Single sign-on required', 'Your organisation signs in with single sign-on: use "Sign in with your organisation" instead of a password.', { code: 'sso-required' });
  }
}
