import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { auditLog, operations, outboxEvents, protectionGroups, sites, tenants } from '@/db/schema';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { ACME_ADMIN } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { startFailover as startFailoverGated, startMove as startMoveGated, startTestFailover } from './operations';
import { startedOnly } from '@/lib/testing/started';

const startFailover = startedOnly(startFailoverGated);
const startMove = startedOnly(startMoveGated);

/** What opening an operation stores: its options snapshot, its audit entry and its outbox event. */
const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const WEB = 'grp_acme_web';

afterEach(() => setSimulatorForTests(undefined));

async function seeded() {
  const db = await seededTestDb(new Date(NOW));
  writeJournal(db, WEB, NOW);
  setSimulatorForTests(new FakeSimulator(NOW));
  return db;
}
const optionsOf = (db: DB, id: string) => db.select().from(operations).where(eq(operations.id, id)).get()!.options as Record<string, unknown>;
const auditOf = (db: DB, id: string) => db.select().from(auditLog).where(and(eq(auditLog.targetId, id), eq(auditLog.action, 'operation.start'))).get()!;

describe('a move ships the backlog left at the source over the tenant\'s inter-site link', () => {
  // Acme's link: 200 Mbit/s = 25 MB/s.
  const moveWith = async (backlogMB: number, mbps = 200) => {
    const db = await seeded();
    db.update(protectionGroups).set({ backlogMB }).where(eq(protectionGroups.id, WEB)).run();
    db.update(tenants).set({ interSiteBandwidthMbps: mbps }).where(eq(tenants.id, 'ten_acme')).run();
    const op = await startMove(db, ACME_ADMIN, WEB, {});
    return optionsOf(db, op.id).finalSyncSeconds;
  };
  it('2,500 MB at 25 MB/s take 100 s; a part-second rounds up', async () => {
    expect(await moveWith(2500)).toBe(100);
    expect(await moveWith(2501)).toBe(101);
  });
  it('takes at least 5 s and at most an hour', async () => {
    expect(await moveWith(0)).toBe(5);
    expect(await moveWith(10_000_000)).toBe(3600);
  });
  it('a link under 8 Mbit/s still moves 1 MB/s', async () => {
    expect(await moveWith(60, 4)).toBe(60);
  });
});

describe('the options an operation keeps', () => {
  it('a test uses the test network and keeps no grace period; a live failover the live network and its grace', async () => {
    const db = await seeded();
    const test = await startTestFailover(db, ACME_ADMIN, WEB, {});
    expect(optionsOf(db, test.id)).toMatchObject({ shutdownSource: false, network: { kind: 'test', mode: 'keep-ip', network: 'dr-test-isolated', mappings: [] }, finalSyncSeconds: 0 });
    expect(optionsOf(db, test.id)).not.toHaveProperty('shutdownGraceSeconds');
    db.update(operations).set({ status: 'completed' }).where(eq(operations.id, test.id)).run();

    const live = await startFailover(db, ACME_ADMIN, WEB, { shutdownGraceSeconds: 120, reverseProtection: true, commitPolicy: 'auto-commit', commitTimeoutMinutes: 15 });
    const options = optionsOf(db, live.id);
    expect(options).toMatchObject({ shutdownSource: true, shutdownGraceSeconds: 120, reverseProtection: true, commitPolicy: 'auto-commit', commitTimeoutMinutes: 15, fromSiteName: 'London', toSiteName: 'Zurich', sourceSiteOnline: true });
    expect((options.network as { kind: string }).kind).toBe('live');
    expect((options.plan as { name: string; delayAfterSeconds: number; vms: { id: string; bootSeconds: number }[] }[]).map((bg) => [bg.name, bg.delayAfterSeconds, bg.vms.length])).toEqual([['Application servers', 60, 2], ['Web servers', 0, 2]]);
  });

  it('leaving the source running keeps no grace period', async () => {
    const db = await seeded();
    const op = await startFailover(db, ACME_ADMIN, WEB, { shutdownSource: false, shutdownGraceSeconds: 120 });
    expect(optionsOf(db, op.id)).not.toHaveProperty('shutdownGraceSeconds');
  });
});

describe('what opening an operation records', () => {
  it('an audit entry with the choices made, and an "operation started" event for the people told', async () => {
    const db = await seeded();
    const op = await startFailover(db, ACME_ADMIN, WEB, { shutdownGraceSeconds: 90 });
    expect(auditOf(db, op.id).details).toEqual({
      groupId: WEB, type: 'failover', checkpointId: op.checkpointId, dataLossSeconds: op.dataLossSeconds,
      shutdownSource: true, shutdownGraceSeconds: 90, reverseProtection: false, commitPolicy: 'manual', commitTimeoutMinutes: 60,
    });
    const event = db.select().from(outboxEvents).where(eq(outboxEvents.type, 'operation.started')).all().find((e) => e.payload.operationId === op.id)!;
    expect(event).toMatchObject({ tenantId: 'ten_acme', occurredAt: new Date(NOW) });
    expect(event.payload).toEqual({
      operationId: op.id, operationType: 'failover', groupId: WEB, groupName: 'Customer web tier', startedBy: 'admin@acme.test',
      subject: 'Live failover of Customer web tier', summary: 'admin@acme.test started a live failover of Customer web tier.',
    });
  });

  it('the pre-flight step counts the checks and quotes the warnings', async () => {
    const db = await seeded();
    db.update(sites).set({ status: 'offline' }).where(eq(sites.id, 'london')).run();
    const op = await startFailover(db, ACME_ADMIN, WEB, {});
    expect(op.steps[0].detail).toBe('8 checks passed (Source site London is offline: the failover still works, the shutdown of source VMs is skipped.)');
    db.update(sites).set({ status: 'online' }).where(eq(sites.id, 'london')).run();
    db.update(operations).set({ status: 'completed' }).where(eq(operations.id, op.id)).run();
    const clean = await startTestFailover(db, ACME_ADMIN, WEB, {});
    expect(clean.steps[0].detail).toBe('8 checks passed');
  });
});
