import { Fragment } from 'react';
import type { TenantRecipientsDto } from '@/lib/domain/notifications/preferences';
import { EVENT_GROUPS } from '@/lib/schemas/notification-preferences';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Icon } from '@/components/ui/icons';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';

const ROLE_LABEL = { client_admin: 'Admin', user: 'User', staff: 'Staff' } as const;

function Mark({ on, label }: { on: boolean; label: string }) {
  return on ? (
    <span title={label}>
      <Icon name="check" className="mx-auto size-4 text-emerald-600 dark:text-emerald-400" />
      <span className="sr-only">{label}</span>
    </span>
  ) : (
    <span className="text-slate-300 dark:text-slate-600" title="Not e-mailed">
      <span aria-hidden>—</span>
      <span className="sr-only">Not e-mailed</span>
    </span>
  );
}

/**
 * "Who gets what": for each event type, which of the organisation's people an event of theirs
 * e-mails now (each person's own choice or their role's default), and whether provider staff are
 * told too. Computed by the same function the outbox addresses mail with.
 */
export function RecipientsCard({ recipients }: { recipients: TenantRecipientsDto }) {
  const { people, events } = recipients;
  return (
    <Card data-testid="recipients-card">
      <CardHeader title="Who gets what" description={`Who at ${recipients.tenantName} is e-mailed about each event, by their own choices or their role's defaults. Each person chooses under Notifications.`} />
      {people.length === 0 ? (
        <EmptyState icon="inbox" title="No active users" description="Invite users to have them notified." />
      ) : (
        <Table caption="Who is e-mailed about each event type">
          <THead>
            <tr>
              <Th>Event</Th>
              {people.map((p) => (
                <Th key={p.userId} className="text-center" title={p.email}>
                  <span className="block">{p.name}</span>
                  <span className="block font-normal text-slate-500 dark:text-slate-400">{ROLE_LABEL[p.role]}</span>
                </Th>
              ))}
              <Th className="text-center">
                <span className="block">Provider staff</span>
                <span className="block font-normal text-slate-500 dark:text-slate-400">Calligo</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {EVENT_GROUPS.map((g) => {
              const rows = events.filter((e) => e.group === g.id);
              if (!rows.length) return null;
              return (
                <Fragment key={g.id}>
                  <tr className="bg-slate-50/70 dark:bg-slate-900/40">
                    <th scope="colgroup" colSpan={people.length + 2} className="px-3 pt-3 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
                      {g.label}
                    </th>
                  </tr>
                  {rows.map((e) => {
                    const to = new Set(e.recipients.map((p) => p.userId));
                    return (
                      <Tr key={e.type} data-testid={`recipients-${e.type}`}>
                        <Th scope="row" className="font-normal">
                          {e.title}
                          <span className="ml-2 font-mono text-xs text-slate-500">{e.type}</span>
                        </Th>
                        {people.map((p) => (
                          <Td key={p.userId} className="text-center" data-testid={`recipients-${e.type}-${p.email}`} data-on={to.has(p.userId) ? 'yes' : 'no'}>
                            <Mark on={to.has(p.userId)} label={`${p.name} is e-mailed`} />
                          </Td>
                        ))}
                        <Td className="text-center">
                          <Mark on={e.staffAlsoTold} label="Provider staff are told too" />
                        </Td>
                      </Tr>
                    );
                  })}
                </Fragment>
              );
            })}
          </TBody>
        </Table>
      )}
      <CardBody className="border-t border-slate-200 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
        Account security — {recipients.personal.note} Site, link and maintenance events reach provider staff through the provider&apos;s own notice, not your organisation&apos;s copy.
      </CardBody>
    </Card>
  );
}
