'use client';

import { useRouter } from 'next/navigation';
import { Fragment, useMemo, useState, useTransition } from 'react';
import { resetNotificationPreferencesAction, saveNotificationPreferencesAction } from '@/app/(portal)/settings/actions';
import type { NotificationPreferencesDto } from '@/lib/domain/notifications/preferences';
import { EVENT_GROUPS, notificationPreferencesUpdateSchema } from '@/lib/schemas/notification-preferences';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';

/**
 * The person's own e-mail choices, grouped (Replication, Sites, …), their role's defaults marked;
 * personal security events shown locked on. Saving sends only what changed, checked first with the
 * same zod schema the server action validates with.
 */
export function NotificationsCard({
  preferences,
  description = "Which events e-mail you. Your role's defaults are marked; security events about your own account are always sent.",
}: {
  preferences: NotificationPreferencesDto;
  description?: string;
}) {
  const initial = useMemo(() => Object.fromEntries(preferences.events.map((e) => [e.type, e.email])), [preferences]);
  const [choice, setChoice] = useState<Record<string, boolean>>(initial);
  const [seen, setSeen] = useState(initial);
  const [resetting, setResetting] = useState(false);
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const router = useRouter();
  // New server data (after a save or reset) replaces the local choices.
  if (seen !== initial) {
    setSeen(initial);
    setChoice(initial);
  }

  const changed = Object.fromEntries(preferences.events.filter((e) => !e.locked && choice[e.type] !== e.email).map((e) => [e.type, choice[e.type]]));
  const dirty = Object.keys(changed).length > 0;
  const custom = preferences.events.some((e) => !e.locked && e.email !== e.default);

  function save() {
    const parsed = notificationPreferencesUpdateSchema.safeParse({ email: changed });
    if (!parsed.success) return toast({ tone: 'danger', title: 'Not saved', description: parsed.error.issues[0]?.message });
    start(async () => {
      const r = await saveNotificationPreferencesAction(parsed.data);
      toast(r.ok ? { tone: 'success', title: r.message ?? 'Saved' } : { tone: 'danger', title: 'Not saved', description: Object.values(r.errors ?? {})[0] ?? r.message });
      if (r.ok) router.refresh();
    });
  }

  const groups = EVENT_GROUPS.map((g) => ({ ...g, events: preferences.events.filter((e) => e.group === g.id) })).filter((g) => g.events.length > 0);

  return (
    <Card data-testid="notifications-card">
      <CardHeader
        title="Notifications"
        description={description}
        actions={
          <Button size="sm" variant="ghost" icon="undo" onClick={() => setResetting(true)} disabled={!custom || pending}>
            Reset to defaults
          </Button>
        }
      />
      <Table caption="E-mail notifications">
        <THead>
          <tr>
            <Th>Event</Th>
            <Th className="w-28 text-center">E-mail me</Th>
            <Th className="w-52">Default for your role</Th>
          </tr>
        </THead>
        <TBody>
          {groups.map((g) => (
            <Fragment key={g.id}>
              <tr className="bg-slate-50/70 dark:bg-slate-900/40">
                <th scope="colgroup" colSpan={3} className="px-3 pt-3 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
                  {g.label}
                </th>
              </tr>
              {g.events.map((e) => {
                const id = `notify-${e.type.replace(/\./g, '-')}`;
                return (
                  <Tr key={e.type} data-testid={`pref-${e.type}`}>
                    <Td>
                      <label htmlFor={id} className="block">
                        <span className="text-sm">{e.title}</span>
                        <span className="ml-2 font-mono text-xs text-slate-500">{e.type}</span>
                      </label>
                    </Td>
                    <Td className="text-center">
                      <input
                        id={id}
                        type="checkbox"
                        className="size-4 accent-sky-700 disabled:opacity-60"
                        checked={e.locked ? true : choice[e.type]}
                        disabled={e.locked}
                        aria-describedby={e.locked ? `${id}-locked` : undefined}
                        onChange={(ev) => setChoice((prev) => ({ ...prev, [e.type]: ev.target.checked }))}
                      />
                    </Td>
                    <Td>
                      {e.locked ? (
                        <Badge tone="info" icon="shield" title="About your own account's security: cannot be turned off">
                          <span id={`${id}-locked`}>Always on</span>
                        </Badge>
                      ) : e.default ? (
                        <Badge tone="neutral">On by default</Badge>
                      ) : (
                        <span className="text-xs text-slate-500">Off by default</span>
                      )}
                      {!e.locked && choice[e.type] !== e.default && <span className="ml-2 whitespace-nowrap text-xs text-sky-700 dark:text-sky-400">your choice</span>}
                    </Td>
                  </Tr>
                );
              })}
            </Fragment>
          ))}
        </TBody>
      </Table>
      <CardBody className="flex items-center justify-end gap-2 border-t border-slate-200 dark:border-slate-800">
        {dirty && <span className="mr-auto text-xs text-slate-500" role="status">{Object.keys(changed).length} unsaved change{Object.keys(changed).length === 1 ? '' : 's'}</span>}
        <Button variant="primary" onClick={save} pending={pending} disabled={!dirty}>
          Save notification settings
        </Button>
      </CardBody>
      <ConfirmDialog
        open={resetting}
        onOpenChange={setResetting}
        title="Reset your notifications to the defaults?"
        description="Every event goes back to your role's default; the choices you made are forgotten."
        confirmLabel="Reset to defaults"
        onConfirm={async () => {
          const r = await resetNotificationPreferencesAction();
          if (!r.ok) {
            toast({ tone: 'danger', title: 'Not reset', description: r.message });
            throw new Error(r.message);
          }
          toast({ tone: 'success', title: r.message ?? 'Reset' });
          router.refresh();
        }}
      />
    </Card>
  );
}
