import { describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { testDb } from '@/lib/testing/db';
import { largeSeedScale, seedLarge } from './large';

const NOW = new Date(Date.UTC(2026, 5, 1, 12, 0, 0));
// Two hours of history keep the test quick; the runtime's catch-up is the same code for 30 days.
const small = { tenants: 3, vms: 60, groups: 9, historyDays: 2 / 24, password: 'pw', now: NOW };
const rows = (db: DB, sql: string) => db.$client.prepare(sql).all();

/** Everything the seed decides, without random ids (step ids, alert ids) and password salts. */
function digest(db: DB) {
  return {
    tenants: rows(db, 'SELECT id, name, inter_site_bandwidth_mbps FROM tenants ORDER BY id'),
    vms: rows(db, 'SELECT id, tenant_id, site_id, name, write_mean_mbps FROM vms ORDER BY id'),
    groups: rows(db, 'SELECT id, tenant_id, source_site_id, target_site_id, status, rpo_seconds, journal_used_gb FROM protection_groups ORDER BY id'),
    members: rows(db, 'SELECT group_id, vm_id, boot_group_id FROM group_members ORDER BY group_id, vm_id'),
    checkpoints: rows(db, 'SELECT id FROM checkpoints ORDER BY id'),
    samples: rows(db, 'SELECT tier, count(*) n, sum(rpo_seconds) s FROM rpo_samples GROUP BY tier ORDER BY tier'),
    alerts: rows(db, 'SELECT code, group_id, vm_id, raised_at FROM alerts ORDER BY code, group_id, vm_id, raised_at'),
    operations: rows(db, 'SELECT id, group_id, status, result, rto_seconds FROM operations ORDER BY id'),
  };
}

describe('seedLarge', () => {
  it('creates the requested scale, one large tenant, every group in its own tenant and with history', async () => {
    const db = testDb();
    const r = await seedLarge(db, small);
    expect(r).toMatchObject({ tenants: 3, vms: 60, groups: 9, largeTenantId: 'ten_01' });
    const count = (sql: string) => db.$client.prepare(sql).pluck().get() as number;
    expect(count('SELECT count(*) FROM tenants')).toBe(3);
    expect(count('SELECT count(*) FROM vms')).toBe(60);
    expect(count('SELECT count(*) FROM protection_groups')).toBe(9);
    // The first tenant holds its share (20 %) of VMs.
    expect(count("SELECT count(*) FROM vms WHERE tenant_id = 'ten_01'")).toBe(12);
    // A group only ever holds VMs of its own tenant.
    expect(count('SELECT count(*) FROM group_members m JOIN vms v ON v.id = m.vm_id JOIN protection_groups g ON g.id = m.group_id WHERE v.tenant_id != g.tenant_id')).toBe(0);
    expect(count('SELECT count(DISTINCT group_id) FROM rpo_samples')).toBe(9);
    expect(count('SELECT count(DISTINCT group_id) FROM checkpoints')).toBe(9);
    expect(count("SELECT count(*) FROM users WHERE email = 'admin@tenant-01.test' AND role = 'client_admin'")).toBe(1);
    await expect(seedLarge(db, small)).rejects.toThrow(/empty database/);
  });

  it('is deterministic: the same options give the same rows', async () => {
    const a = testDb();
    const b = testDb();
    await seedLarge(a, small);
    await seedLarge(b, small);
    expect(digest(b)).toEqual(digest(a));
    const c = testDb();
    await seedLarge(c, { ...small, seed: 7 });
    expect(digest(c).vms).not.toEqual(digest(a).vms);
  });

  it('scales by a whole factor, the large tenant keeping 1,000 VMs and 120 groups', () => {
    expect(largeSeedScale(1)).toEqual({ tenants: 50, vms: 5000, groups: 600, largeTenantShare: 0.2 });
    const x10 = largeSeedScale(10);
    expect(x10).toMatchObject({ tenants: 500, vms: 50_000, groups: 6000 });
    expect(Math.round(x10.vms! * x10.largeTenantShare!)).toBe(1000);
    expect(Math.round(x10.groups! * x10.largeTenantShare!)).toBe(120);
    expect(() => largeSeedScale(0)).toThrow(/scale/);
    expect(() => largeSeedScale(1.5)).toThrow(/scale/);
  });

  it('keeps addresses valid beyond 256 tenants (--scale 10 has 500): IPv4 octets ≤ 255, MACs unique', async () => {
    const db = testDb();
    await seedLarge(db, { tenants: 300, vms: 600, groups: 300, largeTenantShare: 0.01, historyDays: 1 / 1440, password: 'pw', now: NOW });
    const nics = rows(db, 'SELECT ip_address ip, mac_address mac FROM vm_nics') as { ip: string; mac: string }[];
    expect(nics).toHaveLength(600);
    for (const { ip, mac } of nics) {
      expect(ip.split('.').every((o) => Number(o) <= 255)).toBe(true);
      expect(mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    }
    expect(new Set(nics.map((n) => n.mac)).size).toBe(600);
    const subnets = (rows(db, "SELECT live_network FROM protection_groups") as { live_network: string }[]).flatMap((g) => (JSON.parse(g.live_network) as { mappings: { sourceSubnet: string; targetSubnet: string }[] }).mappings);
    expect(subnets.length).toBeGreaterThan(0);
    for (const m of subnets) for (const cidr of [m.sourceSubnet, m.targetSubnet]) expect(cidr.split('/')[0].split('.').every((o) => Number(o) <= 255)).toBe(true);
  });
});
