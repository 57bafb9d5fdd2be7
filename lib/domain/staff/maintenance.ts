import 'server-only';
import { and, asc, desc, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { maintenanceWindows, protectionGroups, sites, tenants, vdcs } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { recordEvent } from '@/lib/domain/notifications/outbox';
import { formatDateTime } from '@/lib/format';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/core/errors';
import { parseBody } from '@/lib/domain/core/input';
import { parseInput } from '@/lib/domain/core/validate';
import { simDate } from '@/lib/domain/core/clock';
import { newId } from '@/lib/ids';
import { maintenanceCreateSchema, maintenanceListSchema } from '@/lib/schemas/staff';
import type { MaintenanceWindowDto } from './dto';

type Row = typeof maintenanceWindows.$inferSelect & { siteName: string | null };

function toDto(w: Row, now: Date): MaintenanceWindowDto {
  const state = w.endsAt <= now ? 'past' : w.startsAt <= now ? 'in-progress' : 'upcoming';
  return {
    id: w.id,
    siteId: w.siteId,
    siteName: w.siteName,
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    description: w.description,
    createdBy: w.createdBy,
    createdAt: w.createdAt.toISOString(),
    state,
  };
}

const columns = {
  id: maintenanceWindows.id,
  siteId: maintenanceWindows.siteId,
  startsAt: maintenanceWindows.startsAt,
  endsAt: maintenanceWindows.endsAt,
  description: maintenanceWindows.description,
  createdBy: maintenanceWindows.createdBy,
  createdAt: maintenanceWindows.createdAt,
  siteName: sites.name,
};

const select = (db: Executor) => db.select(columns).from(maintenanceWindows).leftJoin(sites, eq(sites.id, maintenanceWindows.siteId));

/** Staff view: upcoming (including in progress) soonest first, past most recent first. */
export async function listMaintenance(db: DB, actor: Actor, query: unknown = {}, at?: Date): Promise<MaintenanceWindowDto[]> {
  authorize(db, actor, 'maintenance:manage', { type: 'maintenance-window' });
  const { when } = parseInput(maintenanceListSchema, query);
  const now = at ?? (await simDate());
  const upcoming = () => select(db).where(gt(maintenanceWindows.endsAt, now)).orderBy(asc(maintenanceWindows.startsAt)).all();
  const past = () => select(db).where(lte(maintenanceWindows.endsAt, now)).orderBy(desc(maintenanceWindows.startsAt)).limit(200).all();
  const rows = when === 'upcoming' ? upcoming() : when === 'past' ? past() : [...upcoming(), ...past()];
  return rows.map((w) => toDto(w, now));
}

export async function createMaintenance(db: DB, actor: Actor, input: unknown, at?: Date): Promise<MaintenanceWindowDto> {
  authorize(db, actor, 'maintenance:manage', { type: 'maintenance-window' });
  const data = parseBody(maintenanceCreateSchema, input);
  const now = at ?? (await simDate());
  if (data.endsAt <= now) throw new ValidationError([{ field: 'endsAt', message: 'End time is in the past; schedule a window that has not ended yet.' }]);
  return db.transaction((tx) => {
    if (data.siteId && !tx.select({ id: sites.id }).from(sites).where(eq(sites.id, data.siteId)).get()) {
      throw new ValidationError([{ field: 'siteId', message: `No site with id ${data.siteId}.` }]);
    }
    const id = newId('mw');
    tx.insert(maintenanceWindows).values({ id, siteId: data.siteId ?? null, startsAt: data.startsAt, endsAt: data.endsAt, description: data.description, createdBy: actor.email, createdAt: now }).run();
    announceMaintenance(tx, { id, siteId: data.siteId ?? null, startsAt: data.startsAt, endsAt: data.endsAt, description: data.description }, now);
    audit(tx, actor, {
      action: 'maintenance.schedule',
      tenantId: null,
      targetType: 'maintenance-window',
      targetId: id,
      simulatedTime: now,
      details: { siteId: data.siteId ?? null, startsAt: data.startsAt.toISOString(), endsAt: data.endsAt.toISOString(), description: data.description },
    });
    return toDto(select(tx).where(eq(maintenanceWindows.id, id)).get()!, now);
  });
}

/** Tenants a window touches: every active one for a service-wide window; those with a vDC or a group at its site otherwise. */
export function tenantsTouched(db: Executor, siteId: string | null): string[] {
  if (!siteId) return db.select({ id: tenants.id }).from(tenants).where(eq(tenants.status, 'active')).all().map((t) => t.id);
  const ids = new Set(db.select({ t: vdcs.tenantId }).from(vdcs).where(eq(vdcs.siteId, siteId)).all().map((r) => r.t));
  for (const g of db.select({ t: protectionGroups.tenantId }).from(protectionGroups).where(or(eq(protectionGroups.sourceSiteId, siteId), eq(protectionGroups.targetSiteId, siteId))).all()) ids.add(g.t);
  return [...ids].sort();
}

type WindowInfo = { id: string; siteId: string | null; startsAt: Date; endsAt: Date; description: string };

/** E-mail events of a scheduled window: the provider's own for staff, one per tenant it touches. */
function announceMaintenance(tx: Executor, w: WindowInfo, now: Date): void {
  recordMaintenanceEvents(tx, w, 'maintenance.announced', now);
}

/**
 * Records a window's event (announced at creation; `maintenance.tomorrow` a day before, from
 * the scheduled checks): the provider's own for staff, one per tenant it touches. Returns the
 * provider's event id.
 */
export function recordMaintenanceEvents(tx: Executor, w: WindowInfo, type: 'maintenance.announced' | 'maintenance.tomorrow', now: Date): string {
  const site = w.siteId ? tx.select({ name: sites.name }).from(sites).where(eq(sites.id, w.siteId)).get()?.name ?? w.siteId : null;
  const where = site ? `at ${site}` : 'of the whole service';
  const summary = type === 'maintenance.tomorrow'
    ? `Maintenance ${where} starts tomorrow, ${formatDateTime(w.startsAt)}, until ${formatDateTime(w.endsAt)}: ${w.description}`
    : `Maintenance ${where} from ${formatDateTime(w.startsAt)} to ${formatDateTime(w.endsAt)}: ${w.description}`;
  const payload = { maintenanceId: w.id, siteId: w.siteId, startsAt: w.startsAt.toISOString(), endsAt: w.endsAt.toISOString(), subject: `${where}, ${formatDateTime(w.startsAt)}`, summary };
  const id = recordEvent(tx, { type, tenantId: null, occurredAt: now, payload });
  for (const tenantId of tenantsTouched(tx, w.siteId)) recordEvent(tx, { type, tenantId, occurredAt: now, payload });
  return id;
}

/**
 * Cancels a window that has not started. One already under way (or over) is part of the
 * availability record and stays, so the SLA arithmetic cannot be rewritten after the fact.
 */
export async function cancelMaintenance(db: DB, actor: Actor, id: string, at?: Date): Promise<void> {
  authorize(db, actor, 'maintenance:manage', { type: 'maintenance-window', id });
  const now = at ?? (await simDate());
  db.transaction((tx) => {
    const w = tx.select().from(maintenanceWindows).where(eq(maintenanceWindows.id, id)).get();
    if (!w) throw new NotFoundError('maintenance window', id);
    if (w.startsAt <= now) throw new ConflictError('This window has already started; it stays in the availability record.');
    tx.delete(maintenanceWindows).where(eq(maintenanceWindows.id, id)).run();
    audit(tx, actor, { action: 'maintenance.cancel', tenantId: null, targetType: 'maintenance-window', targetId: id, targetName: w.description, simulatedTime: now, details: { siteId: w.siteId, startsAt: w.startsAt.toISOString(), description: w.description } });
  });
}

/**
 * What a client's dashboard shows: windows not yet over that touch the tenant — service-wide
 * ones, and those at a site where it has a vDC or a group replicates. Staff without a tenant
 * see every one.
 */
export async function listUpcomingMaintenance(db: DB, actor: Actor, at?: Date): Promise<MaintenanceWindowDto[]> {
  authorize(db, actor, 'tenant:read', { type: 'maintenance-window' });
  const now = at ?? (await simDate());
  const tenantId = tenantScope(actor);
  const notOver = gt(maintenanceWindows.endsAt, now);
  if (!tenantId) return select(db).where(notOver).orderBy(asc(maintenanceWindows.startsAt)).all().map((w) => toDto(w, now));
  const siteIds = new Set<string>();
  for (const v of db.select({ siteId: vdcs.siteId }).from(vdcs).where(eq(vdcs.tenantId, tenantId)).all()) siteIds.add(v.siteId);
  for (const g of db.select({ s: protectionGroups.sourceSiteId, t: protectionGroups.targetSiteId }).from(protectionGroups).where(eq(protectionGroups.tenantId, tenantId)).all()) {
    siteIds.add(g.s);
    siteIds.add(g.t);
  }
  const relevant = siteIds.size ? or(isNull(maintenanceWindows.siteId), inArray(maintenanceWindows.siteId, [...siteIds])) : isNull(maintenanceWindows.siteId);
  return select(db).where(and(notOver, relevant)).orderBy(asc(maintenanceWindows.startsAt)).all().map((w) => toDto(w, now));
}
