import { describe, expect, it } from 'vitest';
import { claimsBySite, type GroupClaim } from './run-capacity';

const cap = (vdcId: string, requiredGhz: number, requiredMemoryGb: number, availableGhz = 60, availableMemoryGb = 256) => ({
  vdcId, vdcName: `vDC ${vdcId}`, vdcKind: 'recovery' as const, requiredGhz, requiredMemoryGb, availableGhz, availableMemoryGb, totalGhz: 60, totalMemoryGb: 256,
});
const claim = (groupId: string, siteId: string, capacity: GroupClaim['capacity']): GroupClaim => ({ groupId, groupName: groupId.toUpperCase(), siteId, siteName: siteId, capacity });

describe('claimsBySite', () => {
  it('sums the groups going to one vDC: each fits alone, together they do not', () => {
    const [z] = claimsBySite([claim('web', 'zurich', cap('z', 40, 100)), claim('sql', 'zurich', cap('z', 30, 140))]);
    expect(z).toMatchObject({ siteId: 'zurich', groupIds: ['web', 'sql'], requiredGhz: 70, requiredMemoryGb: 240, availableGhz: 60, ok: false });
    expect(z.message).toBe('vDC z: 2 groups (WEB, SQL) need 70 GHz and 240 GB together; 60 GHz and 256 GB free of 60 GHz and 256 GB. Recover fewer groups at once, or ask for more resources with a service request.');
  });

  it('keeps vDCs apart and passes a claim that fits', () => {
    const claims = claimsBySite([claim('web', 'zurich', cap('z', 40, 100)), claim('file', 'guernsey', cap('g', 10, 20, 24, 96))]);
    expect(claims.map((c) => [c.siteId, c.ok, c.requiredGhz])).toEqual([['zurich', true, 40], ['guernsey', true, 10]]);
    expect(claims[1].message).toBe('vDC g: FILE needs 10 GHz and 20 GB; 24 GHz and 96 GB free of 60 GHz and 256 GB.');
  });

  it('takes the least that any member sees free, and fails on memory alone', () => {
    const [z] = claimsBySite([claim('a', 'zurich', cap('z', 1, 100, 50, 150)), claim('b', 'zurich', cap('z', 1, 60, 60, 256))]);
    expect([z.availableGhz, z.availableMemoryGb, z.ok]).toEqual([50, 150, false]);
  });

  it('a claim exactly equal to what is free fits (GHz and memory)', () => {
    const [z] = claimsBySite([claim('a', 'zurich', cap('z', 20, 100, 50, 200)), claim('b', 'zurich', cap('z', 30, 100, 50, 200))]);
    expect([z.requiredGhz, z.requiredMemoryGb, z.ok]).toEqual([50, 200, true]);
    const [over] = claimsBySite([claim('a', 'zurich', cap('z', 50.1, 100, 50, 200))]);
    expect(over.ok).toBe(false);
  });

  it('keeps sites without a vDC apart, each naming its own groups', () => {
    const claims = claimsBySite([claim('web', 'zurich', null), claim('file', 'guernsey', null), claim('db', 'zurich', null)]);
    expect(claims.map((c) => [c.siteId, c.groupIds])).toEqual([['zurich', ['web', 'db']], ['guernsey', ['file']]]);
  });

  it('names a site where the tenant has no vDC', () => {
    const [n] = claimsBySite([claim('web', 'zurich', null)]);
    expect(n.ok).toBe(false);
    expect(n.message).toBe('The tenant has no recovery vDC at zurich for WEB. Ask for one with a service request.');
  });
});
