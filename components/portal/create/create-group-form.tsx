'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import { createGroupAction } from '@/app/(portal)/groups/actions';
import { PRIORITIES } from '@/lib/schemas/vocabulary';
import type { SiteDto, VmDto } from '@/lib/domain/core/dto';
import { errorsUnder, fieldError, type ActionResult } from '@/components/portal/action-result';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Field, fieldAria, Input, Select, Textarea } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { formatDuration, formatGb } from '@/lib/format';
import { RPO_TARGET_HINT } from '../group/help-text';
import { PRIORITY, plural } from '../labels';
import { VmPicker } from './vm-picker';

type Form = {
  name: string;
  description: string;
  sourceSiteId: string;
  targetSiteId: string;
  priority: (typeof PRIORITIES)[number];
  rpoTargetSeconds: string;
  rtoTargetMinutes: string;
  journalHistoryHours: string;
  journalLimitGb: string;
  vmIds: string[];
};

/** A new protection group: sites, VMs from the production site, targets. Validated by the shared schema. */
export function CreateGroupForm({ sites, vms }: { sites: SiteDto[]; vms: VmDto[] }) {
  const firstSite = sites.find((s) => vms.some((v) => v.siteId === s.id))?.id ?? '';
  const [f, setF] = useState<Form>({
    name: '', description: '', sourceSiteId: firstSite, targetSiteId: '', priority: 'medium',
    rpoTargetSeconds: '300', rtoTargetMinutes: '60', journalHistoryHours: '24', journalLimitGb: '250', vmIds: [],
  });
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((x) => ({ ...x, [k]: v }));
  const err = (k: string) => fieldError(result, k);
  const candidates = vms.filter((v) => v.siteId === f.sourceSiteId);
  const chosen = vms.filter((v) => f.vmIds.includes(v.id));

  function submit(e: React.FormEvent) {
    e.preventDefault();
    start(async () => {
      const { description, ...rest } = f;
      const r = await createGroupAction({ ...rest, description: description.trim() || undefined });
      // Success redirects to the new group; only failures come back here.
      if (r && !r.ok) {
        setResult(r);
        if (!r.errors) toast({ tone: 'danger', title: 'Group not created', description: r.message });
      }
    });
  }

  const rpoHuman = /^\d+$/.test(f.rpoTargetSeconds.trim()) ? formatDuration(Number(f.rpoTargetSeconds)) : '—';

  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="create-group-form">
      <Card>
        <CardHeader title="General" />
        <CardBody className="grid gap-4 md:grid-cols-2">
          <Field htmlFor="new-name" label="Name" hint="Unique in your organisation, up to 80 characters." error={err('name')}>
            <Input id="new-name" value={f.name} maxLength={80} onChange={(e) => set('name', e.target.value)} {...fieldAria('new-name', err('name'), true)} />
          </Field>
          <Field htmlFor="new-priority" label="Priority" hint={`${PRIORITY[f.priority].hint}.`} error={err('priority')}>
            <Select id="new-priority" value={f.priority} onChange={(e) => set('priority', e.target.value as Form['priority'])} {...fieldAria('new-priority', err('priority'), true)}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {PRIORITY[p].label}
                </option>
              ))}
            </Select>
          </Field>
          <Field htmlFor="new-description" label="Description (optional)" error={err('description')} className="md:col-span-2">
            <Textarea id="new-description" rows={2} value={f.description} onChange={(e) => set('description', e.target.value)} {...fieldAria('new-description', err('description'))} />
          </Field>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Sites" description="Replication flows from the production site to the recovery site" />
        <CardBody className="grid gap-4 md:grid-cols-2">
          <Field htmlFor="new-source" label="Production site" error={err('sourceSiteId')}>
            <Select
              id="new-source"
              value={f.sourceSiteId}
              onChange={(e) => setF((x) => ({ ...x, sourceSiteId: e.target.value, vmIds: [], targetSiteId: x.targetSiteId === e.target.value ? '' : x.targetSiteId }))}
              {...fieldAria('new-source', err('sourceSiteId'))}
            >
              <option value="">Choose a site</option>
              {sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({plural(vms.filter((v) => v.siteId === s.id).length, 'unprotected VM')})
                </option>
              ))}
            </Select>
          </Field>
          <Field htmlFor="new-target" label="Recovery site" error={err('targetSiteId')}>
            <Select id="new-target" value={f.targetSiteId} onChange={(e) => set('targetSiteId', e.target.value)} {...fieldAria('new-target', err('targetSiteId'))}>
              <option value="">Choose a site</option>
              {sites
                .filter((s) => s.id !== f.sourceSiteId)
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                    {s.status !== 'online' ? ` (${s.status})` : ''}
                  </option>
                ))}
            </Select>
          </Field>
        </CardBody>
      </Card>

      <VmPicker vms={candidates} selected={f.vmIds} onChange={(ids) => set('vmIds', ids)} errors={errorsUnder(result, 'vmIds')} />

      <Card>
        <CardHeader title="Targets and journal" />
        <CardBody className="grid gap-4 md:grid-cols-2">
          <Field htmlFor="new-rpo" label="RPO alert target (seconds)" hint={`${rpoHuman}. ${RPO_TARGET_HINT}`} error={err('rpoTargetSeconds')}>
            <Input id="new-rpo" inputMode="numeric" value={f.rpoTargetSeconds} onChange={(e) => set('rpoTargetSeconds', e.target.value)} {...fieldAria('new-rpo', err('rpoTargetSeconds'), true)} />
          </Field>
          <Field htmlFor="new-rto" label="RTO target (minutes)" hint="How long a recovery may take, from start to the last VM up (1–1,440 min)." error={err('rtoTargetMinutes')}>
            <Input id="new-rto" inputMode="numeric" value={f.rtoTargetMinutes} onChange={(e) => set('rtoTargetMinutes', e.target.value)} {...fieldAria('new-rto', err('rtoTargetMinutes'), true)} />
          </Field>
          <Field htmlFor="new-history" label="Journal history (hours)" hint="How far back you can recover: 1 hour to 30 days (720 h)." error={err('journalHistoryHours')}>
            <Input id="new-history" inputMode="numeric" value={f.journalHistoryHours} onChange={(e) => set('journalHistoryHours', e.target.value)} {...fieldAria('new-history', err('journalHistoryHours'), true)} />
          </Field>
          <Field htmlFor="new-limit" label="Journal hard limit (GB)" hint="Storage the journal may use; when full it shortens the history." error={err('journalLimitGb')}>
            <Input id="new-limit" inputMode="decimal" value={f.journalLimitGb} onChange={(e) => set('journalLimitGb', e.target.value)} {...fieldAria('new-limit', err('journalLimitGb'), true)} />
          </Field>
        </CardBody>
      </Card>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {plural(chosen.length, 'VM')}, {formatGb(chosen.reduce((n, v) => n + v.diskGb, 0))} to sync. Test and live networks keep their IP addresses by default; change them in the group&apos;s settings.
        </p>
        <div className="flex gap-2">
          <Link href="/groups" className={buttonClasses({ variant: 'ghost' })}>
            Cancel
          </Link>
          <Button type="submit" variant="primary" pending={pending}>
            Create protection group
          </Button>
        </div>
      </div>
      {result && !result.ok && (
        <p role="status" className="text-sm font-medium text-red-700 dark:text-red-400">
          {result.message}
        </p>
      )}
    </form>
  );
}
