import { eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Executor } from '@/db';
import { alerts, apiTokens, maintenanceWindows, operations, protectionGroups, recoveryPlans, serviceRequests, siteLinks, sites, tenants, users, vdcs, vms, webhookEndpoints } from '@/db/schema';
import { OPERATION_TYPE_LABEL } from '@/lib/schemas/operations';

/** An audit entry's target, and the tenant whose trail the entry is in (null: service-wide, staff only). */
export type TargetRef = { tenantId: string | null; targetType: string | null; targetId: string | null };

/** A target's human name and the tenant it belongs to (undefined: shared by every tenant, e.g. a site). */
type Named = { id: string; name: string; tenantId?: string | null };

const siteA = alias(sites, 'site_a');
const siteB = alias(sites, 'site_b');

/** How each kind of target is named, read in one query per kind. */
const LOOKUPS: Record<string, (db: Executor, ids: string[]) => Named[]> = {
  'protection-group': (db, ids) =>
    db.select({ id: protectionGroups.id, name: protectionGroups.name, tenantId: protectionGroups.tenantId }).from(protectionGroups).where(inArray(protectionGroups.id, ids)).all(),
  'recovery-plan': (db, ids) =>
    db.select({ id: recoveryPlans.id, name: recoveryPlans.name, tenantId: recoveryPlans.tenantId }).from(recoveryPlans).where(inArray(recoveryPlans.id, ids)).all(),
  // An operation is known by its group and kind ("Web tier — Test failover"), not by op_….
  operation: (db, ids) =>
    db
      .select({ id: operations.id, type: operations.type, group: protectionGroups.name, tenantId: operations.tenantId })
      .from(operations)
      .innerJoin(protectionGroups, eq(protectionGroups.id, operations.groupId))
      .where(inArray(operations.id, ids))
      .all()
      .map((r) => ({ id: r.id, name: `${r.group} — ${OPERATION_TYPE_LABEL[r.type]}`, tenantId: r.tenantId })),
  user: (db, ids) =>
    db.select({ id: users.id, name: users.name, email: users.email, tenantId: users.tenantId }).from(users).where(inArray(users.id, ids)).all()
      .map((u) => ({ id: u.id, name: `${u.name} (${u.email})`, tenantId: u.tenantId })),
  api_token: (db, ids) =>
    db.select({ id: apiTokens.id, name: apiTokens.name, tenantId: users.tenantId }).from(apiTokens).innerJoin(users, eq(users.id, apiTokens.userId)).where(inArray(apiTokens.id, ids)).all(),
  'service-request': (db, ids) =>
    db.select({ id: serviceRequests.id, name: serviceRequests.title, tenantId: serviceRequests.tenantId }).from(serviceRequests).where(inArray(serviceRequests.id, ids)).all(),
  vdc: (db, ids) => db.select({ id: vdcs.id, name: vdcs.name, tenantId: vdcs.tenantId }).from(vdcs).where(inArray(vdcs.id, ids)).all(),
  vm: (db, ids) => db.select({ id: vms.id, name: vms.name, tenantId: vms.tenantId }).from(vms).where(inArray(vms.id, ids)).all(),
  tenant: (db, ids) => db.select({ id: tenants.id, name: tenants.name, tenantId: tenants.id }).from(tenants).where(inArray(tenants.id, ids)).all(),
  alert: (db, ids) => db.select({ id: alerts.id, name: alerts.message, tenantId: alerts.tenantId }).from(alerts).where(inArray(alerts.id, ids)).all(),
  site: (db, ids) => db.select({ id: sites.id, name: sites.name }).from(sites).where(inArray(sites.id, ids)).all(),
  link: (db, ids) =>
    db
      .select({ id: siteLinks.id, a: siteA.name, b: siteB.name })
      .from(siteLinks)
      .innerJoin(siteA, eq(siteA.id, siteLinks.siteAId))
      .innerJoin(siteB, eq(siteB.id, siteLinks.siteBId))
      .where(inArray(siteLinks.id, ids))
      .all()
      .map((l) => ({ id: l.id, name: `${l.a} ↔ ${l.b}` })),
  'webhook-endpoint': (db, ids) =>
    db.select({ id: webhookEndpoints.id, url: webhookEndpoints.url, description: webhookEndpoints.description, tenantId: webhookEndpoints.tenantId }).from(webhookEndpoints).where(inArray(webhookEndpoints.id, ids)).all()
      .map((e) => ({ id: e.id, name: e.description ? `${e.description} (${e.url})` : e.url, tenantId: e.tenantId })),
  'maintenance-window': (db, ids) =>
    db.select({ id: maintenanceWindows.id, name: maintenanceWindows.description }).from(maintenanceWindows).where(inArray(maintenanceWindows.id, ids)).all(),
};

const key = (type: string, id: string) => `${type}\n${id}`;

/**
 * Names the targets of these entries with one query per kind of target; the returned function
 * answers for each of them. A name is given only where the entry's reader may know it: a
 * tenant's trail never names another tenant's object, even when someone probed its id (a
 * denied request records the id it was given, whoever it belongs to).
 */
export function targetNamer(db: Executor, refs: TargetRef[]): (ref: TargetRef) => string | null {
  const wanted = new Map<string, Set<string>>();
  for (const r of refs) {
    if (!r.targetType || !r.targetId || !Object.hasOwn(LOOKUPS, r.targetType)) continue;
    const ids = wanted.get(r.targetType) ?? new Set<string>();
    wanted.set(r.targetType, ids.add(r.targetId));
  }
  const found = new Map<string, Named>();
  for (const [type, ids] of wanted) for (const n of LOOKUPS[type](db, [...ids])) found.set(key(type, n.id), n);
  return (r) => {
    const n = r.targetType && r.targetId ? found.get(key(r.targetType, r.targetId)) : undefined;
    return n && (r.tenantId === null || n.tenantId === undefined || n.tenantId === r.tenantId) ? n.name : null;
  };
}

/** One target's name for a new entry (see targetNamer for who may see it). */
export const targetNameOf = (db: Executor, ref: TargetRef): string | null => targetNamer(db, [ref])(ref);
