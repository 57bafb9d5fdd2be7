import { describe, expect, it } from 'vitest';
import { issuesOf } from '@/lib/testing/zod';
import { requestCreateSchema, requestListSchema, requestUpdateSchema, resourceChangeSchema } from './requests';

const grow = (over: Record<string, unknown> = {}) => ({
  kind: 'grow-resources',
  priority: 'P3',
  title: 'More memory',
  description: 'Month-end batch needs it.',
  vdcId: 'vdc_acme_rec',
  change: { memoryGb: 64 },
  ...over,
});

describe('resource amounts of a request', () => {
  it('read form text as numbers; "" or blank means no change', () => {
    expect(resourceChangeSchema.parse({ vcpuGhz: ' 2.5 ', memoryGb: '', storageGb: '   ', guaranteedIops: '5000' })).toEqual({ vcpuGhz: 2.5, guaranteedIops: 5000 });
  });

  it('are never negative: the kind says grow or shrink', () => {
    expect(issuesOf(resourceChangeSchema, { memoryGb: -1 })).toEqual(['memoryGb: Memory cannot be negative; choose grow or shrink instead.']);
    expect(issuesOf(resourceChangeSchema, { memoryGb: '-1' })).toEqual(['memoryGb: Memory must be a number of GB.']);
    expect(resourceChangeSchema.parse({ memoryGb: 0 })).toEqual({ memoryGb: 0 });
  });

  it('have upper bounds, and IOPS are whole', () => {
    expect(resourceChangeSchema.parse({ vcpuGhz: 100_000 })).toEqual({ vcpuGhz: 100_000 });
    expect(issuesOf(resourceChangeSchema, { vcpuGhz: 100_000.1 })).toEqual(['vcpuGhz: vCPU must be at most 100,000 GHz.']);
    expect(issuesOf(resourceChangeSchema, { guaranteedIops: '1.5' })).toEqual(['guaranteedIops: Guaranteed IOPS must be a whole number of IOPS.']);
    expect(issuesOf(resourceChangeSchema, { storageGb: 'lots' })).toEqual(['storageGb: Storage must be a number of GB.']);
    expect(issuesOf(resourceChangeSchema, { storageGb: [64], memoryGb: null })).toEqual(['memoryGb: Memory must be a number of GB.', 'storageGb: Storage must be a number of GB.']);
  });
});

describe('raising a request', () => {
  it('takes a grow request with a vDC and an amount, trimmed', () => {
    expect(requestCreateSchema.parse(grow({ title: '  More memory ', vdcId: 'vdc_acme_rec' }))).toEqual(grow());
  });

  it('needs, for grow or shrink, the vDC and at least one amount above 0', () => {
    expect(issuesOf(requestCreateSchema, grow({ vdcId: '', change: { memoryGb: 0, vcpuGhz: '' } }))).toEqual([
      'vdcId: Choose the virtual datacentre to grow or shrink.',
      'change: Give at least one resource amount above 0.',
    ]);
    expect(issuesOf(requestCreateSchema, grow({ kind: 'shrink-resources', change: undefined }))).toEqual(['change: Give at least one resource amount above 0.']);
    for (const change of [{ vcpuGhz: 1 }, { memoryGb: 1 }, { storageGb: 1 }, { guaranteedIops: 1 }]) {
      expect(requestCreateSchema.safeParse(grow({ change })).success).toBe(true);
    }
  });

  it('needs neither for "other"', () => {
    expect(requestCreateSchema.parse(grow({ kind: 'other', vdcId: '', change: undefined }))).toEqual({ kind: 'other', priority: 'P3', title: 'More memory', description: 'Month-end batch needs it.' });
  });

  it('names a bad kind, priority and a too-short title', () => {
    expect(issuesOf(requestCreateSchema, grow({ kind: 'move', priority: 'P0', title: 'Hi' }))).toEqual([
      'kind: Kind must be one of grow-resources, shrink-resources, other.',
      'priority: Priority must be one of P1, P2, P3, P4.',
      'title: Title needs at least 3 characters.',
    ]);
  });
});

describe('updating a request', () => {
  it('takes an assignee, a status or a note; "" unassigns', () => {
    expect(requestUpdateSchema.parse({ assignedTo: '' })).toEqual({ assignedTo: null });
    expect(requestUpdateSchema.parse({ assignedTo: null })).toEqual({ assignedTo: null });
    expect(requestUpdateSchema.parse({ assignedTo: 'usr_staff', status: 'in-progress' })).toEqual({ assignedTo: 'usr_staff', status: 'in-progress' });
    expect(requestUpdateSchema.parse({ status: 'resolved' })).toEqual({ status: 'resolved' });
    expect(requestUpdateSchema.parse({ note: ' Done. ' })).toEqual({ note: 'Done.' });
  });

  it('refuses an empty update, blank fields included', () => {
    expect(issuesOf(requestUpdateSchema, {})).toEqual(['(body): Send assignedTo, status or note.']);
    expect(issuesOf(requestUpdateSchema, { status: ' ', note: '' })).toEqual(['(body): Send assignedTo, status or note.']);
  });

  it('refuses fields it does not know', () => {
    expect(requestUpdateSchema.safeParse({ status: 'resolved', priority: 'P1' }).success).toBe(false);
  });
});

describe('listing requests', () => {
  it('filters by status, "active" included; a blank filter is no filter', () => {
    expect(requestListSchema.parse({ status: 'active', tenantId: '' })).toEqual({ status: 'active' });
    expect(requestListSchema.parse({ tenantId: 'ten_acme' })).toEqual({ tenantId: 'ten_acme' });
    expect(requestListSchema.parse({ status: 'active' })).toEqual({ status: 'active' });
    expect(requestListSchema.parse({ status: '' })).toEqual({});
    expect(issuesOf(requestListSchema, { status: 'closed' })).toEqual(['status: status must be open, in-progress, resolved, cancelled or active.']);
  });
});
