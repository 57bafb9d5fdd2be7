import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { SentMailCard } from '@/components/staff/sent-mail-card';
import { PageHeader } from '@/components/ui/page-header';
import { listSentMail } from '@/lib/domain/notifications/sent-mail';
import { staffActor } from '../_lib/staff-actor';

export const metadata: Metadata = { title: 'Sent mail' };

/** The e-mail notifications the offline mailer kept (no SMTP_URL configured), newest first. */
export default async function SentMailPage() {
  const mail = listSentMail(getDb(), await staffActor(), { limit: 200 });
  return (
    <>
      <PageHeader
        title="Sent mail"
        description={
          mail.smtpConfigured
            ? 'E-mail goes out through the configured SMTP server; this list shows only what was kept before it was configured.'
            : 'No SMTP server is configured (SMTP_URL), so e-mail notifications are kept here instead of being sent. Newest first; the latest 200.'
        }
      />
      <SentMailCard items={mail.items} />
    </>
  );
}
