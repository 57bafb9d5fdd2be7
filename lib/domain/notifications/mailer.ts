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

/** Sends through an SMTP server; resolves once the server accepted the message. */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
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
