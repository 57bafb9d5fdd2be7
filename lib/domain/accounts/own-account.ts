import 'server-only';
import { eq } from 'drizzle-orm';
import type { DB } from '@/db';
import { users } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { ForbiddenError } from '@/lib/core/errors';

/** The signed-in person's own account, for changes only they may make (password, second factor). */
export function ownAccount(db: DB, actor: Actor) {
  if (actor.via === 'system') throw new ForbiddenError('The system has no account to protect.');
  const user = db
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash, totpSecret: users.totpSecret, totpEnabled: users.totpEnabled })
    .from(users)
    .where(eq(users.id, actor.userId))
    .get();
  if (!user) throw new ForbiddenError('Your account no longer exists.');
  return user;
}
