import { eq } from 'drizzle-orm';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DB } from '@/db/client';
import { outboxDeliveries, sentMail } from '@/db/schema';
import { seedDemo } from '@/lib/seed/demo';
import { seededTestDb, testTempDir } from '@/lib/testing/db';
import { startTestSmtp } from '@/lib/testing/smtp';
import { smtpMailer, storeMailer } from './mailer';
import { EVENT_IDS_HEADER } from './messages';
import { recordEvent } from './outbox';
import { backoffMs, EMAIL_LEASE_MS, sendDueEmails, startNotificationSender } from './sender';

const PORTAL = 'https://portal.example.test';
const FROM = 'CloudShield <notify@cloudshield.test>';
/** Real time just after the test recorded its events (deliveries are stamped with real time). */
let T0 = 0;
const at = (ms: number) => new Date(T0 + ms);

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function smtp() {
  const server = await startTestSmtp();
  const mailer = smtpMailer(server.url, FROM);
  cleanups.push(() => server.close(), () => mailer.close?.());
  return { server, mailer };
}

/** A personal event: exactly one recipient (Acme's user). */
function personal(db: DB, type: 'account.password-changed' | 'token.created' = 'account.password-changed', payload: Record<string, unknown> = {}) {
  return recordEvent(db, { type, tenantId: 'ten_acme', payload: { userId: 'usr_user_acme', ...payload }, occurredAt: Date.UTC(2026, 0, 5, 9, 30, 0) });
}

const statuses = (db: DB) => db.select().from(outboxDeliveries).all();

describe('the e-mail sender', () => {
  it('delivers one event as one message through a real SMTP server, then marks it sent', async () => {
    const db = await seededTestDb();
    const { server, mailer } = await smtp();
    const id = recordEvent(db, { type: 'operation.failed', tenantId: 'ten_acme', payload: { operationId: 'op_abc', summary: 'Test failover of Web tier failed: target site offline.' }, occurredAt: Date.UTC(2026, 0, 5, 9, 30, 0) });
    T0 = Date.now();
    // Still inside the digest minute: nothing goes yet.
    expect((await sendDueEmails(db, { mailer, portalUrl: PORTAL, now: at(10_000) })).messages).toBe(0);
    const s = await sendDueEmails(db, { mailer, portalUrl: PORTAL, now: at(61_000) });
    expect(s).toMatchObject({ sent: 4, messages: 4 });
    const mail = server.received.find((m) => m.to.includes('user@acme.test'))!;
    expect(mail.to).toEqual(['user@acme.test']);
    expect(mail.from).toBe('notify@cloudshield.test');
    expect(mail.headers.subject).toBe('[Acme Insurance] Operation failed');
    expect(mail.headers[EVENT_IDS_HEADER.toLowerCase()]).toBe(id);
    expect(mail.body).toContain('Test failover of Web tier failed: target site offline.');
    expect(mail.body).toContain('5 Jan 2026, 09:30:00 UTC');
    expect(mail.body).toContain(`${PORTAL}/operations/op_abc`);
    expect(mail.body).toContain(`Event id: ${id}`);
    expect(mail.body).toContain('<h2'); // the HTML part is there too
    expect(server.received.flatMap((m) => m.to).sort()).toEqual(['admin2@acme.test', 'admin@acme.test', 'staff@calligo.test', 'user@acme.test']);
    expect(statuses(db).every((d) => d.status === 'sent' && d.attempts === 1 && d.sentAt)).toBe(true);
    // Nothing is sent twice.
    expect((await sendDueEmails(db, { mailer, portalUrl: PORTAL, now: at(200_000) })).messages).toBe(0);
  });

  it('groups a recipient\'s events within a minute into one digest', async () => {
    const db = await seededTestDb();
    const { server, mailer } = await smtp();
    const a = personal(db, 'account.password-changed');
    const b = personal(db, 'token.created', { subject: 'ci-pipeline' });
    T0 = Date.now();
    await sendDueEmails(db, { mailer, portalUrl: PORTAL, now: at(61_000) });
    expect(server.received).toHaveLength(1);
    const [mail] = server.received;
    expect(mail.headers.subject).toMatch(/^\[Acme Insurance\] 2 notifications: /);
    expect(mail.headers.subject).toContain('Your password was changed');
    expect(mail.headers.subject).toContain('An API token was created');
    expect(mail.headers[EVENT_IDS_HEADER.toLowerCase()].split(',').sort()).toEqual([a, b].sort());
    expect(mail.body).toContain(a);
    expect(mail.body).toContain(b);
    expect(statuses(db).map((d) => d.status)).toEqual(['sent', 'sent']);
  });

  it('backs off while the SMTP server refuses, and delivers once it accepts', async () => {
    const db = await seededTestDb();
    const { server, mailer } = await smtp();
    personal(db);
    T0 = Date.now();
    server.state.reject = true;
    const first = await sendDueEmails(db, { mailer, portalUrl: PORTAL, now: at(61_000) });
    expect(first).toMatchObject({ messages: 0, retrying: 1, failed: 0 });
    let [d] = statuses(db);
    expect(d).toMatchObject({ status: 'pending', attempts: 1 });
    expect(d.lastError).toMatch(/451|try later/i);
    expect(d.nextAttemptAt.getTime()).toBe(T0 + 61_000 + backoffMs(1));
    // Not due before its backoff is over.
    expect((await sendDueEmails(db, { mailer, portalUrl: PORTAL, now: at(61_000 + backoffMs(1) - 1) })).retrying).toBe(0);
    const second = await sendDueEmails(db, { mailer, portalUrl: PORTAL, now: at(61_000 + backoffMs(1)) });
    expect(second.retrying).toBe(1);
    [d] = statuses(db);
    expect(d.attempts).toBe(2);
    expect(d.nextAttemptAt.getTime() - (T0 + 61_000 + backoffMs(1))).toBe(2 * backoffMs(1));
    server.state.reject = false;
    expect(await sendDueEmails(db, { mailer, portalUrl: PORTAL, now: d.nextAttemptAt })).toMatchObject({ messages: 1, sent: 1 });
    expect(statuses(db)[0]).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(server.received).toHaveLength(1);
  });

  it('gives up as failed 24 hours after the event', async () => {
    const db = await seededTestDb();
    const { server, mailer } = await smtp();
    personal(db);
    T0 = Date.now();
    server.state.reject = true;
    const s = await sendDueEmails(db, { mailer, portalUrl: PORTAL, now: at(24 * 3600_000) });
    expect(s).toMatchObject({ failed: 1, retrying: 0 });
    expect(statuses(db)[0].status).toBe('failed');
    server.state.reject = false;
    expect((await sendDueEmails(db, { mailer, portalUrl: PORTAL, now: at(48 * 3600_000) })).messages).toBe(0);
  });

  it('re-sends after a crash between the send and the mark, with the same event id (at least once)', async () => {
    const file = path.join(testTempDir(), 'restart.db');
    let db = openDatabase(file);
    await seedDemo(db, { password: 'demo-password', now: new Date() });
    const { server, mailer } = await smtp();
    const id = personal(db);
    T0 = Date.now();
    // The server accepts the message, then the process dies before marking it sent.
    await expect(sendDueEmails(db, {
      mailer, portalUrl: PORTAL, now: at(61_000), afterSend: () => { throw new Error('crash'); },
    })).rejects.toThrow('crash');
    expect(server.received).toHaveLength(1);
    db.$client.close();

    // A new process on the same database: a new sender finds the delivery still pending.
    db = openDatabase(file);
    cleanups.push(() => db.$client.close());
    expect(statuses(db)[0]).toMatchObject({ status: 'pending', attempts: 0 });
    expect(statuses(db)[0].claimedUntil?.getTime()).toBe(T0 + 61_000 + EMAIL_LEASE_MS);
    const mailer2 = smtpMailer(server.url, FROM);
    cleanups.push(() => mailer2.close?.());
    // The dead sender's lease still holds: nobody sends it yet.
    expect(await sendDueEmails(db, { mailer: mailer2, portalUrl: PORTAL, now: at(70_000) })).toMatchObject({ messages: 0 });
    // Once it ran out, the new sender takes the delivery over.
    expect(await sendDueEmails(db, { mailer: mailer2, portalUrl: PORTAL, now: at(61_000 + EMAIL_LEASE_MS) })).toMatchObject({ messages: 1 });
    expect(server.received).toHaveLength(2);
    const ids = server.received.map((m) => m.headers[EVENT_IDS_HEADER.toLowerCase()]);
    expect(ids).toEqual([id, id]);
    // The receiver de-duplicates by event id: one notification.
    expect(new Set(ids).size).toBe(1);
    expect(statuses(db)[0]).toMatchObject({ status: 'sent', claimedBy: null, claimedUntil: null });
  });

  it('without SMTP keeps the messages in sent_mail (the offline demo)', async () => {
    const db = await seededTestDb();
    const id = personal(db);
    T0 = Date.now();
    await sendDueEmails(db, { mailer: storeMailer(db), portalUrl: PORTAL, now: at(61_000) });
    const rows = db.select().from(sentMail).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ to: 'user@acme.test', subject: '[Acme Insurance] Your password was changed', eventIds: [id] });
    expect(rows[0].text).toContain(`${PORTAL}/settings`);
    expect(db.select().from(outboxDeliveries).where(eq(outboxDeliveries.eventId, id)).get()?.status).toBe('sent');
  });
});

describe('message content', () => {
  it('leads with the tenant only when every event is that tenant\'s', async () => {
    const { composeMessage } = await import('./messages');
    const e = (id: string, tenantName: string | null) => ({ id, type: 'site.down' as const, tenantId: tenantName ? 'ten_x' : null, tenantName, payload: { siteId: 'london' }, occurredAt: new Date(0) });
    expect(composeMessage('a@b.test', [e('evt_1', 'Acme')], PORTAL).subject).toBe('[Acme] Site down');
    expect(composeMessage('a@b.test', [e('evt_1', 'Acme'), e('evt_2', null)], PORTAL).subject).toBe('2 notifications: Site down');
    expect(composeMessage('a@b.test', [e('evt_2', null)], PORTAL).text).toContain(`${PORTAL}/staff/sites/london`);
    expect(composeMessage('a@b.test', [{ ...e('evt_3', 'Acme'), payload: { summary: '<script>x</script>' } }], PORTAL).html).toContain('&lt;script&gt;');
  });
});

describe('the sender loop', () => {
  it('starts once, sends in the background, and stops', async () => {
    const db = await seededTestDb();
    const stop = startNotificationSender({ db, mailer: storeMailer(db), portalUrl: PORTAL, intervalMs: 20, digestWindowMs: 0 });
    cleanups.push(stop);
    expect(startNotificationSender({ db })).toBe(stop);
    const id = personal(db);
    await vi.waitFor(() => expect(db.select().from(sentMail).all().map((m) => m.eventIds)).toEqual([[id]]), { timeout: 2000 });
    stop();
    personal(db);
    await new Promise((r) => setTimeout(r, 100));
    expect(db.select().from(sentMail).all()).toHaveLength(1);
    // Stopped: a new start gets a new loop.
    const again = startNotificationSender({ db, mailer: storeMailer(db), portalUrl: PORTAL, intervalMs: 20, digestWindowMs: 0 });
    cleanups.push(again);
    expect(again).not.toBe(stop);
    await vi.waitFor(() => expect(db.select().from(sentMail).all()).toHaveLength(2), { timeout: 2000 });
  });
});
