import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { users } from '@/db/schema';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { getRunbook } from './runbook';

let db: DB;
beforeAll(async () => {
  db = await seededTestDb();
});

describe('getRunbook', () => {
  it('gives a user their tenant\u2019s live configuration, highest priority first', () => {
    const rb = getRunbook(db, ACME_USER);
    expect(rb.tenant).toMatchObject({ id: 'ten_acme', name: 'Acme Insurance', connection: 'vpn' });
    expect(rb.groups.map((g) => g.priority)).toEqual(['high', 'medium', 'low']);
    const sql = rb.groups[0];
    expect(sql).toMatchObject({ name: 'Policy database', sourceSiteName: 'London', targetSiteName: 'Jersey' });
    expect(sql.recoveryPlan.bootGroups.map((b) => [b.name, b.delayAfterSeconds])).toEqual([['Directory', 120], ['Database', 0]]);
    expect(rb.groups.every((g) => g.tenantId === 'ten_acme')).toBe(true);
    expect(rb.administrators).toEqual([{ name: 'Dana Whitfield', email: 'admin@acme.test' }, { name: 'Marcus Lindqvist', email: 'admin2@acme.test' }]);
  });

  it('names who decides and who performs a failover', () => {
    const decide = getRunbook(db, ACME_ADMIN).raci.find((r) => r.activity.startsWith('Declare a disaster'));
    expect(decide).toMatchObject({ client: 'R/A', provider: 'I' });
    const perform = getRunbook(db, ACME_ADMIN).raci.find((r) => r.activity.startsWith('Perform the failover'));
    expect(perform).toMatchObject({ client: 'C', provider: 'R/A' });
  });

  // The letters the service description states (issue 18): Calligo responsible and accountable for
  // failover and failback with the client consulted; the client informed of replication monitoring.
  it.each([
    ['Perform the failover', 'C', 'R/A'],
    ['Fail back to production', 'C', 'R/A'],
    ['Monitor replication status', 'I', 'R/A'],
    ['Declare a disaster', 'R/A', 'I'],
  ])('RACI row "%s": client %s, Calligo %s', (start, client, provider) => {
    const rows = getRunbook(db, ACME_ADMIN).raci.filter((r) => r.activity.startsWith(start));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ client, provider });
  });

  it('lists only active administrators', () => {
    db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, 'usr_admin_acme')).run();
    try {
      expect(getRunbook(db, ACME_USER).administrators).toEqual([{ name: 'Marcus Lindqvist', email: 'admin2@acme.test' }]);
    } finally {
      db.update(users).set({ disabledAt: null }).where(eq(users.id, 'usr_admin_acme')).run();
    }
  });

  it('never shows another tenant: a client cannot name one, staff must choose one', () => {
    expect(getRunbook(db, GLOBEX_ADMIN, { tenantId: 'ten_acme' }).tenant.id).toBe('ten_globex');
    expect(() => getRunbook(db, STAFF)).toThrow(expect.objectContaining({ status: 400 }));
    expect(getRunbook(db, STAFF, { tenantId: 'ten_acme' }).groups).toHaveLength(3);
    expect(() => getRunbook(db, STAFF, { tenantId: 'ten_nope' })).toThrow(expect.objectContaining({ status: 404 }));
  });
});
