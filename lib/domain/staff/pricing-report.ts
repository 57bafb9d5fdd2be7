import 'server-only';
import { asc } from 'drizzle-orm';
import type { DB } from '@/db';
import { tenants, vdcs } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { authorize } from '@/lib/domain/core/authorize';
import { ZERO_RESOURCES, addResources, pricingLines, type PricingLine, type Resources } from './pricing';

export type TenantPricingDto = {
  tenantId: string;
  tenantName: string;
  status: 'active' | 'suspended';
  production: Resources;
  recoveryReserved: Resources;
  lines: PricingLine[];
};

/**
 * Per tenant: production usage (its production vDC allocations, the reserved capacity it pays
 * for), the recovery reservation, and the recovery price units at 20% of production.
 */
export function tenantPricing(db: DB, actor: Actor, { tenantId }: { tenantId?: string } = {}): TenantPricingDto[] {
  authorize(db, actor, 'tenants:manage', { type: 'pricing' });
  const allVdcs = db.select().from(vdcs).all();
  return db
    .select({ id: tenants.id, name: tenants.name, status: tenants.status })
    .from(tenants)
    .orderBy(asc(tenants.name))
    .all()
    .filter((t) => !tenantId || t.id === tenantId)
    .map((t) => {
      const mine = allVdcs.filter((v) => v.tenantId === t.id);
      const total = (kind: 'production' | 'recovery') => mine.filter((v) => v.kind === kind).reduce<Resources>((acc, v) => addResources(acc, v), ZERO_RESOURCES);
      const production = total('production');
      const recoveryReserved = total('recovery');
      return { tenantId: t.id, tenantName: t.name, status: t.status, production, recoveryReserved, lines: pricingLines(production, recoveryReserved) };
    });
}
