/**
 * The process the restart test (restart.test.ts) kills: it records an event in the outbox on
 * the database file it is given, then runs the real e-mail sender (SMTP) and the real webhook
 * delivery (HTTP) side by side, and SIGKILLs itself as soon as both have sent, before either
 * could mark anything: the crash the outbox promises to survive. Run with
 * `node --conditions=react-server --import tsx` (server-only resolves to its empty module).
 */
import { openDatabase } from '@/db/client';
import { recordEvent } from '@/lib/core/outbox';
import { smtpMailer } from './mailer';
import { sendDueEmails } from './sender';
import { deliverDueWebhooks, queueOutboxEvents } from './webhook-delivery';

async function main() {
  const file = process.env.RESTART_DB_FILE!;
  const db = openDatabase(file);
  const eventId = db.transaction((tx) =>
    recordEvent(tx, { type: 'site.down', tenantId: null, payload: { siteId: 'london', siteName: 'London', summary: 'Site London is down.' }, occurredAt: Date.now() }),
  );
  // After the recording: its deliveries are due from the moment they were written.
  const now = Date.now();
  process.stdout.write(`${JSON.stringify({ eventId, pid: process.pid })}\n`);
  const sent = { email: false, webhook: false };
  // Each hook holds its sender right after the send (the mark never comes); the second one kills.
  const crashAfter = (channel: keyof typeof sent) => () => {
    sent[channel] = true;
    if (process.env.RESTART_DEBUG) console.error('sent', channel);
    if (sent.email && sent.webhook) process.kill(process.pid, 'SIGKILL');
    return new Promise<void>(() => {});
  };
  queueOutboxEvents(db, now);
  const mailer = smtpMailer(process.env.RESTART_SMTP_URL!, 'CloudShield <notify@cloudshield.test>');
  await Promise.all([
    sendDueEmails(db, { mailer, portalUrl: 'https://portal.example.test', now: new Date(now), digestWindowMs: 0, afterSend: crashAfter('email') }),
    deliverDueWebhooks(db, now, undefined, { allowPrivate: true, afterAttempt: crashAfter('webhook') }),
  ]);
  // Not reached: the process is killed above.
  process.exit(3);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
