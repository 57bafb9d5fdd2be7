'use client';

import { useState, useTransition } from 'react';
import { createScheduleAction } from '@/app/(portal)/test-schedules/actions';
import { fieldError, type ActionResult } from '@/components/portal/action-result';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Field, fieldAria, Input, Select } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { formatDateTime } from '@/lib/format';
import { cronNextRuns, describeCron, DRILL_CHECKPOINT_LABEL, DRILL_CHECKPOINTS, testScheduleCreateSchema } from '@/lib/schemas/test-schedules';

type Option = { id: string; name: string };

const PRESETS = [
  { label: 'Sundays 02:00', cron: '0 2 * * 0' },
  { label: 'First day of each quarter 02:00', cron: '0 2 1 1,4,7,10 *' },
  { label: 'Every day 03:30', cron: '30 3 * * *' },
];

/**
 * A new schedule: the groups (or a saved plan), a cron in UTC with its next runs previewed as
 * typed, the duration and the checkpoint rule. Checked in the browser with the server's zod
 * schema; the server checks the groups and the plan too.
 */
export function ScheduleForm({ groups, plans, nowMs }: { groups: Option[]; plans: Option[]; nowMs: number }) {
  const [by, setBy] = useState<'groups' | 'plan'>('groups');
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [planId, setPlanId] = useState(plans[0]?.id ?? '');
  const [cron, setCron] = useState('0 2 * * 0');
  const [duration, setDuration] = useState('60');
  const [checkpoint, setCheckpoint] = useState<(typeof DRILL_CHECKPOINTS)[number]>('latest');
  const [name, setName] = useState('');
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const err = (k: string) => fieldError(result, k);
  const next = cronNextRuns(cron, nowMs, 3);

  function body() {
    return {
      ...(name.trim() ? { name } : {}),
      ...(by === 'groups' ? { groupIds } : { planId }),
      cron, durationMinutes: duration, checkpoint,
    };
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const local = testScheduleCreateSchema.safeParse(body());
    if (!local.success) {
      const errors: Record<string, string> = {};
      for (const i of local.error.issues) errors[String(i.path[0] ?? 'groupIds')] ??= i.message;
      setResult({ ok: false, message: 'Check the highlighted fields.', errors });
      return;
    }
    start(async () => {
      const r = await createScheduleAction(body());
      if (!r) return;
      setResult(r);
      if (!r.ok && !r.errors) toast({ tone: 'danger', title: 'Schedule not saved', description: r.message });
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="schedule-form">
      <Card>
        <CardHeader title="What to test" description="Every group is tested together, on its test network; production keeps replicating." />
        <CardBody className="space-y-4">
          <fieldset className="flex gap-4 text-sm">
            <legend className="sr-only">Choose groups or a plan</legend>
            <label className="flex items-center gap-2"><input type="radio" name="by" checked={by === 'groups'} onChange={() => setBy('groups')} /> Protection groups</label>
            <label className="flex items-center gap-2"><input type="radio" name="by" checked={by === 'plan'} disabled={!plans.length} onChange={() => setBy('plan')} /> A recovery plan{!plans.length && ' (none saved)'}</label>
          </fieldset>
          {by === 'groups' ? (
            <fieldset aria-describedby={err('groupIds') ? 'groups-error' : undefined}>
              <legend className="mb-1 text-sm font-medium">Groups</legend>
              <div className="grid gap-1 sm:grid-cols-2">
                {groups.map((g) => (
                  <label key={g.id} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={groupIds.includes(g.id)}
                      onChange={(e) => setGroupIds((ids) => (e.target.checked ? [...ids, g.id] : ids.filter((x) => x !== g.id)))}
                    />
                    {g.name}
                  </label>
                ))}
              </div>
              {err('groupIds') && <p id="groups-error" className="mt-1 text-xs font-medium text-red-700 dark:text-red-400">{err('groupIds')}</p>}
            </fieldset>
          ) : (
            <Field htmlFor="schedule-plan" label="Recovery plan" hint="All the plan's groups at once (tiers are not waited for in a drill)." error={err('planId')}>
              <Select id="schedule-plan" value={planId} onChange={(e) => setPlanId(e.target.value)} {...fieldAria('schedule-plan', err('planId'), true)}>
                {plans.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </Select>
            </Field>
          )}
          <Field htmlFor="schedule-name" label="Name (optional)" hint="Defaults to the groups' or the plan's name." error={err('name')}>
            <Input id="schedule-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} {...fieldAria('schedule-name', err('name'), true)} />
          </Field>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="When" description="Five cron fields — minute, hour, day of month, month, day of week — in UTC, on the portal's simulated clock." />
        <CardBody className="grid gap-4 md:grid-cols-2">
          <div className="space-y-2">
            <Field htmlFor="schedule-cron" label="Cron" hint="e.g. 0 2 * * 0 = Sundays at 02:00 UTC." error={err('cron')}>
              <Input id="schedule-cron" className="font-mono" value={cron} onChange={(e) => setCron(e.target.value)} {...fieldAria('schedule-cron', err('cron'), true)} />
            </Field>
            <div className="flex flex-wrap gap-1">
              {PRESETS.map((p) => (
                <Button key={p.cron} size="sm" variant="ghost" onClick={() => setCron(p.cron)}>{p.label}</Button>
              ))}
            </div>
          </div>
          <div className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800" aria-live="polite" data-testid="cron-preview">
            {next.length ? (
              <>
                <p className="font-medium">{describeCron(cron)}</p>
                <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Next runs:</p>
                <ol className="list-inside list-decimal text-xs">
                  {next.map((t) => <li key={t}>{formatDateTime(t)}</li>)}
                </ol>
              </>
            ) : (
              <p className="text-slate-500 dark:text-slate-400">Type a valid cron to see its next runs.</p>
            )}
          </div>
          <Field htmlFor="schedule-duration" label="Duration (minutes)" hint="The drill stops itself this long after it starts and records its result." error={err('durationMinutes')}>
            <Input id="schedule-duration" inputMode="numeric" value={duration} onChange={(e) => setDuration(e.target.value)} {...fieldAria('schedule-duration', err('durationMinutes'), true)} />
          </Field>
          <Field htmlFor="schedule-checkpoint" label="Checkpoint" error={err('checkpoint')}>
            <Select id="schedule-checkpoint" value={checkpoint} onChange={(e) => setCheckpoint(e.target.value as typeof checkpoint)} {...fieldAria('schedule-checkpoint', err('checkpoint'))}>
              {DRILL_CHECKPOINTS.map((c) => <option key={c} value={c}>{DRILL_CHECKPOINT_LABEL[c]}</option>)}
            </Select>
          </Field>
        </CardBody>
      </Card>
      {result && !result.ok && <p className="text-sm font-medium text-red-700 dark:text-red-400" role="alert">{result.message}</p>}
      <div className="flex justify-end">
        <Button type="submit" variant="primary" pending={pending}>Create schedule</Button>
      </div>
    </form>
  );
}
