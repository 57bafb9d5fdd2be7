'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { updateGroupAction } from '@/app/(portal)/groups/actions';
import type { GroupDetailDto } from '@/lib/domain/core/dto';
import { errorsUnder, fieldError, type ActionResult } from '@/components/portal/action-result';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Field, Input, Select } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { editablePlan, moveBootGroup, moveVm, newKey, planBody, removeBootGroup, type EditableBootGroup } from './recovery-plan-model';

/**
 * The boot order of a failover: boot groups start one after another, each waiting its delay once
 * its VMs are up. Everything is buttons and selects (no drag and drop) so it works by keyboard.
 */
export function RecoveryPlanEditor({ group, onClose }: { group: GroupDetailDto; onClose?: () => void }) {
  const [plan, setPlan] = useState(() => editablePlan(group.recoveryPlan.bootGroups));
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const router = useRouter();
  const queryClient = useQueryClient();
  const vmName = (id: string) => group.members.find((m) => m.vmId === id)?.name ?? id;
  const update = (i: number, patch: Partial<EditableBootGroup>) => setPlan((p) => p.map((b, j) => (j === i ? { ...b, ...patch } : b)));
  const planErrors = [fieldError(result, 'recoveryPlan'), fieldError(result, 'recoveryPlan.bootGroups')].filter(Boolean) as string[];

  function save() {
    start(async () => {
      const r = await updateGroupAction(group.id, { recoveryPlan: planBody(plan) }, 'Recovery plan saved.', group.version);
      setResult(r);
      if (r.ok) {
        toast({ tone: 'success', title: r.message ?? 'Recovery plan saved' });
        await queryClient.invalidateQueries({ queryKey: ['groups', group.id] });
        router.refresh();
        onClose?.();
      } else if (!r.errors) {
        toast({ tone: 'danger', title: 'Recovery plan not saved', description: r.message });
      }
    });
  }

  return (
    <Card id="recovery-plan" data-testid="recovery-plan-editor">
      <CardHeader title="Recovery plan" description="Boot order at failover: boot groups start in this order, each waiting its delay before the next" />
      <CardBody className="space-y-3">
        <ol className="space-y-3">
          {plan.map((bg, i) => {
            const nameErr = fieldError(result, `recoveryPlan.bootGroups.${i}.name`);
            const delayErr = fieldError(result, `recoveryPlan.bootGroups.${i}.delayAfterSeconds`);
            const vmErrs = errorsUnder(result, `recoveryPlan.bootGroups.${i}.vmIds`);
            return (
              <li key={bg.key} className="rounded-md border border-slate-200 p-3 dark:border-slate-800" data-testid={`boot-group-${i}`}>
                <div className="flex flex-wrap items-start gap-3">
                  <span className="mt-7 flex size-6 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold dark:bg-slate-800" aria-hidden="true">
                    {i + 1}
                  </span>
                  <Field htmlFor={`bg-${bg.key}-name`} label={`Boot group ${i + 1} name`} error={nameErr} className="min-w-48 flex-1">
                    <Input id={`bg-${bg.key}-name`} value={bg.name} onChange={(e) => update(i, { name: e.target.value })} aria-invalid={nameErr ? true : undefined} aria-describedby={nameErr ? `bg-${bg.key}-name-error` : undefined} />
                  </Field>
                  <Field htmlFor={`bg-${bg.key}-delay`} label="Then wait (seconds)" error={delayErr} className="w-40">
                    <Input id={`bg-${bg.key}-delay`} inputMode="numeric" value={bg.delay} onChange={(e) => update(i, { delay: e.target.value })} aria-invalid={delayErr ? true : undefined} aria-describedby={delayErr ? `bg-${bg.key}-delay-error` : undefined} />
                  </Field>
                  <div className="mt-6 flex gap-1">
                    <Button size="sm" variant="ghost" disabled={i === 0} onClick={() => setPlan((p) => moveBootGroup(p, i, -1))} aria-label={`Move ${bg.name || `boot group ${i + 1}`} earlier`}>
                      Up
                    </Button>
                    <Button size="sm" variant="ghost" disabled={i === plan.length - 1} onClick={() => setPlan((p) => moveBootGroup(p, i, 1))} aria-label={`Move ${bg.name || `boot group ${i + 1}`} later`}>
                      Down
                    </Button>
                    <Button size="sm" variant="ghost" icon="x" disabled={plan.length <= 1} onClick={() => setPlan((p) => removeBootGroup(p, i))} aria-label={`Remove ${bg.name || `boot group ${i + 1}`}`}>
                      Remove
                    </Button>
                  </div>
                </div>
                {bg.vmIds.length === 0 ? (
                  <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">No VMs: move some here with the selects below.</p>
                ) : (
                  <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
                    {bg.vmIds.map((vmId) => (
                      <li key={vmId} className="flex items-center justify-between gap-3 py-1.5 text-sm">
                        <span className="font-medium">{vmName(vmId)}</span>
                        <label className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                          Boot group
                          <Select className="h-8 w-48" value={bg.key} onChange={(e) => setPlan((p) => moveVm(p, vmId, e.target.value))} aria-label={`Boot group of ${vmName(vmId)}`}>
                            {plan.map((b, j) => (
                              <option key={b.key} value={b.key}>
                                {j + 1}. {b.name || 'Unnamed'}
                              </option>
                            ))}
                          </Select>
                        </label>
                      </li>
                    ))}
                  </ul>
                )}
                {vmErrs.map((e) => (
                  <p key={e} className="mt-1 text-xs font-medium text-red-700 dark:text-red-400">
                    {e}
                  </p>
                ))}
              </li>
            );
          })}
        </ol>
        {planErrors.map((e) => (
          <p key={e} className="text-sm font-medium text-red-700 dark:text-red-400">
            {e}
          </p>
        ))}
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setPlan((p) => [...p, { key: newKey(), name: `Boot group ${p.length + 1}`, delay: '0', vmIds: [] }])}>
            Add boot group
          </Button>
          <Button variant="primary" pending={pending} onClick={save}>
            Save recovery plan
          </Button>
          <Button
            variant="ghost"
            onClick={() => {
              setPlan(editablePlan(group.recoveryPlan.bootGroups));
              setResult(null);
              onClose?.();
            }}
          >
            Discard changes
          </Button>
        </div>
      </CardBody>
    </Card>
  );
}
