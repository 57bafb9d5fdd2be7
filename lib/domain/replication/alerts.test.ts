import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DB } from '@/db';
import { alerts, auditLog, protectionGroups } from '@/db/schema';
import { seededTestDb } from '@/lib/testing/db';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { acknowledgeAlert, listAlerts } from './alerts';
import { setSimulatorForTests } from '@/lib/sim/bridge';

let db: DB;
const t = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
beforeAll(async () => {
  setSimulatorForTests(null);
  db = await seededTestDb();
  db.delete(alerts).run();
  db.insert(alerts)
    .values([
      { id: 'al_1', tenantId: 'ten_acme', groupId: 'grp_acme_file', code: 'continuous-writer', level: 'warning', message: 'acme-bkp-01 writes continuously', raisedAt: t(30) },
      { id: 'al_2', tenantId: 'ten_acme', groupId: 'grp_acme_web', code: 'rpo-breach', level: 'error', message: 'RPO 420 s over 300 s', raisedAt: t(120), resolvedAt: t(100) },
      { id: 'al_3', tenantId: 'ten_globex', groupId: 'grp_globex_erp', code: 'rpo-warning', level: 'warning', message: 'RPO near target', raisedAt: t(10) },
      { id: 'al_4', tenantId: null, siteId: 'london', code: 'site-down', level: 'error', message: 'London offline', raisedAt: t(5) },
    ])
    .run();
});

describe('listAlerts', () => {
  it('lists the tenant alerts newest first with status and group name', async () => {
    const items = await listAlerts(db, ACME_USER);
    expect(items.map((a) => [a.id, a.status])).toEqual([['al_1', 'open'], ['al_2', 'resolved']]);
    expect(items[0]).toMatchObject({ groupName: 'File and backup', code: 'continuous-writer', acknowledgedAt: null, raisedAt: expect.stringMatching(/Z$/) });
  });

  it('filters by status and group; staff see service-wide alerts too', async () => {
    expect((await listAlerts(db, ACME_USER, { status: 'open' })).map((a) => a.id)).toEqual(['al_1']);
    expect((await listAlerts(db, ACME_USER, { status: 'resolved' })).map((a) => a.id)).toEqual(['al_2']);
    expect((await listAlerts(db, ACME_USER, { groupId: 'grp_acme_web' })).map((a) => a.id)).toEqual(['al_2']);
    expect((await listAlerts(db, STAFF)).map((a) => a.id)).toEqual(['al_4', 'al_3', 'al_1', 'al_2']);
    expect((await listAlerts(db, STAFF, { tenantId: 'ten_globex' })).map((a) => a.id)).toEqual(['al_3']);
    expect((await listAlerts(db, STAFF, { limit: 1 })).length).toBe(1);
    await expect(listAlerts(db, ACME_USER, { status: 'closed' as 'open' })).rejects.toMatchObject({ status: 400 });
  });
});

describe('the figure an alert is about, now', () => {
  it('carries the group’s current RPO or history beside the figure frozen in the message, while open', async () => {
    db.insert(alerts)
      .values([
        { id: 'al_5', tenantId: 'ten_acme', groupId: 'grp_acme_sql', code: 'rpo-breach', level: 'error', message: 'RPO of ‘Policy database’ is 6 min, over its 5 min target', raisedAt: t(200) },
        { id: 'al_6', tenantId: 'ten_acme', groupId: 'grp_acme_file', code: 'history-not-met', level: 'warning', message: 'Journal holds 4 h 52 m of its 3 d history', raisedAt: t(300) },
      ])
      .run();
    db.update(protectionGroups).set({ rpoSeconds: 8 * 3600 + 50 * 60 }).where(eq(protectionGroups.id, 'grp_acme_sql')).run();
    db.update(protectionGroups).set({ historyCoveredSeconds: 9 * 3600 }).where(eq(protectionGroups.id, 'grp_acme_file')).run();
    const byId = new Map((await listAlerts(db, ACME_USER)).map((a) => [a.id, a]));
    expect(byId.get('al_5')!.current).toEqual({ figure: 'rpo', seconds: 8 * 3600 + 50 * 60 });
    expect(byId.get('al_6')!.current).toEqual({ figure: 'history', seconds: 9 * 3600 });
    // Other kinds of alert, and resolved ones, have no live figure.
    expect(byId.get('al_1')!.current).toBeNull();
    expect(byId.get('al_2')!.current).toBeNull();
    db.delete(alerts).where(eq(alerts.groupId, 'grp_acme_sql')).run();
    db.delete(alerts).where(eq(alerts.id, 'al_6')).run();
  });
});

describe('acknowledgeAlert', () => {
  it('records who acknowledged and audits, once', async () => {
    const a = await acknowledgeAlert(db, ACME_ADMIN, 'al_1');
    expect(a).toMatchObject({ id: 'al_1', acknowledgedBy: 'admin@acme.test', acknowledgedAt: expect.any(String), status: 'open' });
    const again = await acknowledgeAlert(db, ACME_ADMIN, 'al_1');
    expect(again.acknowledgedAt).toBe(a.acknowledgedAt);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'alert.acknowledge')).all()).toHaveLength(1);
  });

  it('is 403 for a user, 404 for another tenant or a service-wide alert, allowed for staff', async () => {
    await expect(acknowledgeAlert(db, ACME_USER, 'al_2')).rejects.toMatchObject({ status: 403 });
    await expect(acknowledgeAlert(db, GLOBEX_ADMIN, 'al_2')).rejects.toMatchObject({ status: 404 });
    await expect(acknowledgeAlert(db, ACME_ADMIN, 'al_4')).rejects.toMatchObject({ status: 404 });
    await expect(acknowledgeAlert(db, STAFF, 'al_4')).resolves.toMatchObject({ acknowledgedBy: 'staff@calligo.test' });
    expect(db.select().from(alerts).where(eq(alerts.id, 'al_2')).get()!.acknowledgedAt).toBeNull();
  });
});
