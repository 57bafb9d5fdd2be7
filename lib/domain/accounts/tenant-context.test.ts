import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { seededTestDb } from '@/lib/testing/db';
import type { Actor } from '@/lib/core/actor';
import { getTenantHeader } from './tenant-context';

async function actorFor(email: string): Promise<{ db: Awaited<ReturnType<typeof seededTestDb>>; actor: Actor }> {
  const db = await seededTestDb();
  const u = db.select().from(users).where(eq(users.email, email)).get()!;
  return { db, actor: { userId: u.id, email: u.email, role: u.role, tenantId: u.tenantId, via: 'session' } };
}

describe('getTenantHeader', () => {
  it("names the client's own tenant and the user", async () => {
    const { db, actor } = await actorFor('admin@acme.test');
    const header = getTenantHeader(db, actor);
    expect(header.tenant?.slug).toBe('acme');
    expect(header.tenant?.name).toMatch(/Acme/);
    expect(header.userName).not.toBe('');
  });

  it('has no tenant for staff outside a tenant', async () => {
    const { db, actor } = await actorFor('staff@calligo.test');
    expect(getTenantHeader(db, actor).tenant).toBeNull();
  });
});
