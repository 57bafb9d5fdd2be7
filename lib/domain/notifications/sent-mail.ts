/**
 * The staff "Sent mail" view: what the offline mailer (no SMTP_URL) kept instead of sending,
 * newest first. Provider staff only: messages go to every tenant's people.
 */
import 'server-only';
import { desc } from 'drizzle-orm';
import type { Executor } from '@/db';
import { sentMail } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { authorize } from '@/lib/domain/core/authorize';
import { parseInput } from '@/lib/domain/core/validate';
import { serverConfig } from '@/lib/config';
import { listSentMailQuerySchema } from '@/lib/schemas/notifications';

export type SentMailDto = { id: string; to: string; subject: string; text: string; sentAt: string; eventIds: string[] };

export type SentMailList = { items: SentMailDto[]; smtpConfigured: boolean };

export function listSentMail(db: Executor, actor: Actor, query: unknown = {}): SentMailList {
  authorize(db, actor, 'metrics:read', { type: 'sent-mail' });
  const { limit } = parseInput(listSentMailQuerySchema, query);
  const rows = db.select().from(sentMail).orderBy(desc(sentMail.sentAt), desc(sentMail.id)).limit(limit).all();
  return {
    items: rows.map((r) => ({ id: r.id, to: r.to, subject: r.subject, text: r.text, sentAt: r.sentAt.toISOString(), eventIds: r.eventIds })),
    smtpConfigured: !!serverConfig().SMTP_URL,
  };
}
