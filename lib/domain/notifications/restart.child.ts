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

/**
 * RESTART_MODE=race: one of two portal processes racing on one file (restart.test.ts): waits for
 * the agreed start time, runs one e-mail pass and one webhook step, prints what it sent.
 */
async function race() {
  const db = openDatabase(process.env.RESTART_DB_FILE!);
  const mailer = smtpMailer(process.env.RESTART_SMTP_URL!, 'CloudShield <notify@cloudshield.test>');
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(process.env.RESTART_START_AT) - Date.now())));
  // One agreed clock for both processes: a process started late under load must still find the
  // other's rows due (and its leases live), as two servers with synchronised clocks would.
  const now = Number(process.env.RESTART_NOW);
  queueOutboxEvents(db, now);
  const [email, webhooks] = await Promise.all([
    sendDueEmails(db, { mailer, portalUrl: 'https://portal.example.test', now: new Date(now) }),
    deliverDueWebhooks(db, now, undefined, { allowPrivate: true }),
  ]);
  mailer.close?.();
  db.$client.close();
  process.stdout.write(`${JSON.stringify({ email, webhooks })}\n`);
}

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

function run() {
  if (process.env.RESTART_MODE === 'race') return race();
  return main();
}

run().catch((error) => {
  console.error(error);
  process.exit(2);
});
