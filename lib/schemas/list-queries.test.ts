import { describe, expect, it } from 'vitest';
import { issuesOf } from '@/lib/testing/zod';
import { listAlertsQuerySchema } from './alerts';
import { listAuditQuerySchema } from './audit';
import { listCheckpointsQuerySchema, tagCheckpointSchema } from './checkpoints';
import { listVmsQuerySchema } from './vms';

describe('GET /alerts', () => {
  it('lists all alerts, 100 at most, unless told', () => {
    expect(listAlertsQuerySchema.parse({})).toEqual({ status: 'all', limit: 100 });
    expect(listAlertsQuerySchema.parse({ status: 'open', limit: '500', groupId: 'grp_acme_web' })).toEqual({ status: 'open', limit: 500, groupId: 'grp_acme_web' });
    expect(issuesOf(listAlertsQuerySchema, { status: 'closed', limit: 501 })).toEqual(['status: status must be open, resolved or all.', 'limit: limit must be at most 500.']);
  });
});

describe('GET /audit', () => {
  it('matches an action, trimmed, within a time range', () => {
    expect(listAuditQuerySchema.parse({ action: ' group ', from: '2026-03-01T00:00:00Z' })).toEqual({ limit: 100, action: 'group', from: new Date('2026-03-01T00:00:00Z') });
    expect(issuesOf(listAuditQuerySchema, { action: 'x'.repeat(101) })).toEqual(['action: action must be at most 100 characters.']);
    expect(issuesOf(listAuditQuerySchema, { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' })).toEqual(['from: from must be before to.']);
  });
});

describe('checkpoints', () => {
  it('are tagged with 1–64 characters of display text', () => {
    expect(tagCheckpointSchema.parse({ tag: ' Before release 4.2 ' })).toEqual({ tag: 'Before release 4.2' });
    expect(issuesOf(tagCheckpointSchema, { tag: '' })).toEqual(['tag: Tag is required.']);
    expect(issuesOf(tagCheckpointSchema, { tag: 'x'.repeat(65) })).toEqual(['tag: Tag must be at most 64 characters.']);
  });

  it('are listed by kind within a range', () => {
    expect(listCheckpointsQuerySchema.parse({ kind: 'tagged', to: '2026-03-01T00:00:00Z', limit: '1' })).toEqual({ kind: 'tagged', to: new Date('2026-03-01T00:00:00Z'), limit: 1 });
    expect(issuesOf(listCheckpointsQuerySchema, { kind: 'full' })).toEqual(['kind: kind must be crash, app or tagged.']);
  });
});

describe('GET /vms', () => {
  it('filters by protection from a query string, and a search text trimmed', () => {
    expect(listVmsQuerySchema.parse({ protected: 'false', q: '  web ' })).toEqual({ protected: false, q: 'web' });
    expect(issuesOf(listVmsQuerySchema, { protected: 'perhaps', q: 'x'.repeat(101) })).toEqual(['q: q must be at most 100 characters.', 'protected: protected must be true or false.']);
  });
});
