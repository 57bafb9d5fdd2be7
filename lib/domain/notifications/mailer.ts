/**
 * Where messages go: an SMTP server (nodemailer, SMTP_URL) or, without one, the `sent_mail`
 * table the staff "Sent mail" view reads, so the demo works offline.
 */
import 'server-only';
import nodemailer from 'nodemailer';
import type { Executor } from '@/db';
import { sentMail } from '@/db/schema';
import { newId } from '@/lib/ids';
import type { Message } from './messages';

export type Mailer = { send(message: Message): Promise<void>; close?(): void };

/**
 * Sends through an SMTP server; resolves once the server accepted the message. A stalled server
 * is given up on within a minute of silence (nodemailer waits an hour by default), well inside
 * the sender's lease on the deliveries (EMAIL_LEASE_MS), so another process does not take over
 * a message that is still being sent.
 */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
  return {
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers });
    },
    close: () => transport.close(),
  };
}

/** Keeps every message in `sent_mail` instead of sending it. */
export function storeMailer(db: Executor): Mailer {
  return {
    async send(m) {
      db.insert(sentMail).values({ id: newId('mail'), to: m.to, subject: m.subject, text: m.text, html: m.html, sentAt: new Date(), eventIds: m.eventIds }).run();
    },
  };
}
