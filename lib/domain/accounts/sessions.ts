import 'server-only';
import type { DB } from '@/db';
import { bumpSessionVersion } from '@/lib/auth/session-version';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { ownAccount } from './own-account';

/**
 * POST /me/sessions/revoke, Settings → "Sign out everywhere": every browser session of the
 * caller ends at once, this one included (a lost laptop, a shared computer). API tokens are
 * separate credentials, listed and revoked in the same page. A full-scope token may call it too
 * (a script reacting to an incident); a read-scope token may not (it only reads).
 */
export function signOutEverywhere(db: DB, actor: Actor): void {
  const user = ownAccount(db, actor);
  db.transaction((tx) => {
    bumpSessionVersion(tx, user.id);
    audit(tx, actor, { action: 'auth.sign-out-everywhere', targetType: 'user', targetId: user.id });
  });
}
