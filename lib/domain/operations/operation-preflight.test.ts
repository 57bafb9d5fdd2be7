import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { protectionGroups, vdcs } from '@/db/schema';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { ACME_ADMIN } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { preflight, startTestFailover } from './operations';
import { setSimulatorForTests } from '@/lib/sim/bridge';

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const WEB = 'grp_acme_web'; // london → zurich

let db: DB;
let journal: ReturnType<typeof writeJournal>;

beforeEach(async () => {
  db = await seededTestDb(new Date(NOW));
  setSimulatorForTests(new FakeSimulator(NOW));
  db.update(protectionGroups).set({ rpoSeconds: 6 }).run();
  journal = writeJournal(db, WEB, NOW);
});
afterAll(() => setSimulatorForTests(undefined));

const ISO = /\d{4}-\d{2}-\d{2}T?\s?\d{2}:\d{2}/;
const message = (checks: { check: string; message: string }[], check: string) => checks.find((c) => c.check === check)!.message;

describe('pre-flight texts are written for people', () => {
  it('names statuses, kinds, durations and times in the portal’s words, never internal ids or ISO forms', async () => {
    const p = await preflight(db, ACME_ADMIN, WEB, { type: 'test-failover', checkpointId: journal.taggedId });
    const all = p.checks.map((c) => c.message).join('\n');
    expect(all).not.toMatch(ISO);
    expect(all).not.toMatch(/meeting-sla|\(zurich\)|\(london\)/);
    expect(message(p.checks, 'group-state')).toBe('The group is ready (Meeting SLA).');
    expect(message(p.checks, 'checkpoint')).toBe('Checkpoint 1 May 2030, 08:15:00 UTC (tagged, "before release 4.2"), 45 m old, inside the 1 d history.');
  });

  it('says the recovery vDC by its site’s display name', async () => {
    const p = await preflight(db, ACME_ADMIN, WEB, { type: 'test-failover' });
    const vdc = db.select({ name: vdcs.name }).from(vdcs).where(eq(vdcs.id, 'vdc_acme_zurich_recovery')).get();
    expect(vdc?.name).toBe('Acme Insurance recovery vDC, Zurich');
    expect(message(p.checks, 'capacity')).toMatch(/^Acme Insurance recovery vDC, Zurich: needs /);
  });

  it('names an open operation by its kind, not its id or raw status', async () => {
    await startTestFailover(db, ACME_ADMIN, WEB, {});
    const p = await preflight(db, ACME_ADMIN, WEB, { type: 'test-failover' });
    expect(message(p.checks, 'no-open-operation')).toBe('A test failover is already open on this group; another can start once it has ended.');
  });
});
