import type { SentMailDto } from '@/lib/domain/notifications/sent-mail';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';

const muted = 'block text-xs text-slate-500 dark:text-slate-400';

/** The kept messages: to, subject, when; each expands to its plain-text body. */
export function SentMailCard({ items }: { items: SentMailDto[] }) {
  return (
    <Card>
      {items.length === 0 ? (
        <EmptyState icon="inbox" title="No mail yet" description="Notifications appear here when something happens: an operation finishes or fails, a site goes down, a service request is opened." />
      ) : (
        <Table caption="Sent mail" data-testid="sent-mail-table">
          <THead>
            <tr>
              <Th>Sent</Th>
              <Th>To</Th>
              <Th>Subject</Th>
            </tr>
          </THead>
          <TBody>
            {items.map((m) => (
              <Tr key={m.id} data-testid="sent-mail-row" data-id={m.id}>
                <Td className="align-top whitespace-nowrap">
                  <time dateTime={m.sentAt}>{formatDateTime(m.sentAt, { seconds: true })}</time>
                </Td>
                <Td className="align-top">{m.to}</Td>
                <Td className="max-w-2xl align-top">
                  <details>
                    <summary className="cursor-pointer font-medium text-sky-700 dark:text-sky-400">{m.subject}</summary>
                    <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-50 p-3 text-xs whitespace-pre-wrap break-words dark:bg-slate-800">{m.text}</pre>
                    <span className={muted}>Event ids: {m.eventIds.join(', ')}</span>
                  </details>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
