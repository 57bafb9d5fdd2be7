'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { updateGroupAction } from '@/app/(portal)/groups/actions';
import type { GroupDetailDto } from '@/lib/domain/core/dto';
import { PRIORITIES } from '@/lib/schemas/vocabulary';
import { fieldError, type ActionResult } from '@/components/portal/action-result';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Field, fieldAria, Input, Select, Textarea } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { formatDuration } from '@/lib/format';
import { PRIORITY } from '../labels';
import { RPO_TARGET_HINT } from './help-text';
import { NetworkFields } from './network-fields';
import { settingsBody, settingsForm, type SettingsForm } from './settings-model';

const seconds = (text: string) => (/^\d+$/.test(text.trim()) ? formatDuration(Number(text)) : null);

/** An administrator edits the group's targets, history, priority and failover networks. */
export function GroupSettingsForm({ group, onClose }: { group: GroupDetailDto; onClose?: () => void }) {
  const [form, setForm] = useState<SettingsForm>(() => settingsForm(group));
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const router = useRouter();
  const queryClient = useQueryClient();
  const set = <K extends keyof SettingsForm>(k: K, v: SettingsForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const err = (path: string) => fieldError(result, path);

  function save(e: React.FormEvent) {
    e.preventDefault();
    start(async () => {
      const r = await updateGroupAction(group.id, settingsBody(form), 'Settings saved.', group.version);
      setResult(r);
      if (r.ok) {
        toast({ tone: 'success', title: r.message ?? 'Settings saved' });
        await queryClient.invalidateQueries({ queryKey: ['groups'] });
        router.refresh();
        onClose?.();
      } else if (!r.errors) {
        // Field errors show next to their fields; a toast is for refusals that belong to no field.
        toast({ tone: 'danger', title: 'Settings not saved', description: r.message });
      }
    });
  }

  const text = (key: 'name' | 'rpoTargetSeconds' | 'rtoTargetMinutes' | 'journalHistoryHours' | 'journalLimitGb', label: string, hint?: string, inputMode?: 'numeric' | 'decimal') => (
    <Field htmlFor={`settings-${key}`} label={label} hint={hint} error={err(key)}>
      <Input id={`settings-${key}`} value={form[key]} inputMode={inputMode} onChange={(e) => set(key, e.target.value)} {...fieldAria(`settings-${key}`, err(key), Boolean(hint))} />
    </Field>
  );

  return (
    <Card id="settings" data-testid="group-settings">
      <CardHeader title="Settings" description="Targets, journal and the networks used at failover" />
      <CardBody>
        <form onSubmit={save} noValidate className="space-y-4">
          <div className="grid gap-4 md:grid-cols-2">
            {text('name', 'Name')}
            <Field htmlFor="settings-priority" label="Priority" hint={PRIORITY[form.priority].hint} error={err('priority')}>
              <Select id="settings-priority" value={form.priority} onChange={(e) => set('priority', e.target.value as SettingsForm['priority'])} {...fieldAria('settings-priority', err('priority'), true)}>
                {PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {PRIORITY[p].label}
                  </option>
                ))}
              </Select>
            </Field>
            <Field htmlFor="settings-description" label="Description" error={err('description')} className="md:col-span-2">
              <Textarea id="settings-description" rows={2} value={form.description} onChange={(e) => set('description', e.target.value)} {...fieldAria('settings-description', err('description'))} />
            </Field>
            {text('rpoTargetSeconds', 'RPO alert target (seconds)', `${seconds(form.rpoTargetSeconds) ?? '—'}. ${RPO_TARGET_HINT}`, 'numeric')}
            {text('rtoTargetMinutes', 'RTO target (minutes)', 'How long a recovery may take, from start to the last VM up (1–1,440 min).', 'numeric')}
            {text('journalHistoryHours', 'Journal history (hours)', 'How far back you can recover: 1 hour to 30 days (720 h).', 'numeric')}
            {text('journalLimitGb', 'Journal hard limit (GB)', 'Storage the journal may use; when full it shortens the history.', 'decimal')}
          </div>
          <div className="space-y-4">
            <NetworkFields
              path="testNetwork"
              legend="Test failover network"
              hint="Test VMs boot here; an isolated network keeps them away from production."
              value={form.testNetwork}
              onChange={(v) => set('testNetwork', v)}
              result={result}
            />
            <NetworkFields
              path="liveNetwork"
              legend="Live failover network"
              hint="Recovered VMs take over here after a live failover or move."
              value={form.liveNetwork}
              onChange={(v) => set('liveNetwork', v)}
              result={result}
            />
          </div>
          {result && !result.ok && (
            <p className="text-sm font-medium text-red-700 dark:text-red-400" role="status">
              {result.message}
            </p>
          )}
          <div className="flex gap-2">
            <Button type="submit" variant="primary" pending={pending}>
              Save settings
            </Button>
            <Button
              variant="ghost"
              onClick={() => {
                setForm(settingsForm(group));
                setResult(null);
                onClose?.();
              }}
            >
              Discard changes
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
