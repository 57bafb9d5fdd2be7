'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { createPlanAction, updatePlanAction } from '@/app/(portal)/recovery/plans/actions';
import type { PlanGroupOptionDto, RecoveryPlanDto } from '@/lib/domain/recovery/plan-dto';
import { RUN_LIMITS } from '@/lib/schemas/recovery-runs';
import { fieldError, type ActionResult } from '@/components/portal/action-result';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { Field, fieldAria, Input, Select, Textarea } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { formatDuration } from '@/lib/format';
import { plural } from '../labels';
import { addTier, editablePlan, moveTier, placeGroup, planBody, planErrors, removeGroup, removeTier, setDelay, unplacedGroups, type EditablePlan } from './plan-model';
import { BootOrderHint, GroupFacts, type SiteNames } from './plan-view';

type Props = {
  /** The plan to edit; null for a new one. */
  plan: RecoveryPlanDto | null;
  options: PlanGroupOptionDto[];
  sites: SiteNames;
  /** Leaves the editor of a saved plan (back to its view). */
  onClose?: () => void;
};

const CHECK_FIELDS = { ok: false, message: 'Check the highlighted fields.' } as const;

/**
 * A multi-group recovery plan: ordered tiers of protection groups, each with the delay after it.
 * Everything is buttons and selects (no drag and drop) so it works by keyboard. Validated in the
 * browser with the same zod schema as the server, which also checks the groups and the name.
 */
export function PlanEditor({ plan, options, sites, onClose }: Props) {
  const [f, setF] = useState<EditablePlan>(() =>
    editablePlan(plan && { name: plan.name, description: plan.description, tiers: plan.tiers.map((t) => ({ groupIds: t.groups.map((g) => g.id), delayAfterSeconds: t.delayAfterSeconds })) }),
  );
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const router = useRouter();
  const err = (k: string) => fieldError(result, k);
  // Opened from a saved plan's view ("Edit plan" is gone): keyboard focus goes to the first field.
  const openedInPlace = Boolean(onClose);
  useEffect(() => {
    if (openedInPlace) document.getElementById('plan-name')?.focus();
  }, [openedInPlace]);
  const byId = new Map(options.map((o) => [o.id, o]));
  const free = unplacedGroups(options, f.tiers);
  const placed = f.tiers.flatMap((t) => t.groupIds);
  const vmTotal = placed.reduce((n, id) => n + (byId.get(id)?.vmCount ?? 0), 0);
  // Moving or removing tiers renumbers them: errors by index would point at the wrong tier.
  const restructure = (next: EditablePlan['tiers']) => {
    setF((x) => ({ ...x, tiers: next }));
    setResult(null);
  };

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const local = planErrors(f);
    if (local) {
      setResult({ ...CHECK_FIELDS, errors: local });
      return;
    }
    start(async () => {
      const body = planBody(f);
      const r = plan ? await updatePlanAction(plan.id, body) : await createPlanAction(body);
      // A new plan redirects to its page on success; only failures come back from creating.
      if (!r) return;
      setResult(r);
      if (r.ok) {
        toast({ tone: 'success', title: r.message ?? 'Recovery plan saved' });
        router.refresh();
        onClose?.();
      } else if (!r.errors) {
        toast({ tone: 'danger', title: 'Recovery plan not saved', description: r.message });
      }
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="recovery-plan-editor">
      <Card>
        <CardHeader title="General" />
        <CardBody className="grid gap-4 md:grid-cols-2">
          <Field htmlFor="plan-name" label="Plan name" hint="Unique in your organisation, up to 100 characters." error={err('name')}>
            <Input id="plan-name" value={f.name} maxLength={100} onChange={(e) => setF((x) => ({ ...x, name: e.target.value }))} {...fieldAria('plan-name', err('name'), true)} />
          </Field>
          <Field htmlFor="plan-description" label="Description (optional)" error={err('description')}>
            <Textarea id="plan-description" rows={2} className="min-h-9" value={f.description} onChange={(e) => setF((x) => ({ ...x, description: e.target.value }))} {...fieldAria('plan-description', err('description'))} />
          </Field>
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          title="Tiers"
          description="Tier 1 starts first. Each next tier starts when every VM of the tier before it is up, after that tier's delay. Inside a tier, each group boots in its own order."
        />
        <CardBody className="space-y-3">
          <ol className="space-y-3">
            {f.tiers.map((t, i) => {
              const n = i + 1;
              const delayId = `${t.key}-delay`;
              const addId = `${t.key}-add`;
              const delayErr = err(`tiers.${i}.delayAfterSeconds`);
              const tierErrs = [err(`tiers.${i}`), err(`tiers.${i}.groupIds`)].filter(Boolean) as string[];
              const delaySeconds = /^\s*\d+\s*$/.test(t.delay) ? Number(t.delay) : null;
              return (
                <li key={t.key} data-testid={`edit-tier-${n}`}>
                  <section aria-labelledby={`${t.key}-title`} className="rounded-md border border-slate-200 dark:border-slate-800">
                    <header className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-3 py-2 dark:border-slate-800">
                      <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-sky-100 text-xs font-semibold text-sky-800 dark:bg-sky-500/15 dark:text-sky-300" aria-hidden="true">
                        {n}
                      </span>
                      <h3 id={`${t.key}-title`} className="text-sm font-semibold">
                        Tier {n}
                      </h3>
                      <span className="text-xs text-slate-500 dark:text-slate-400">{plural(t.groupIds.length, 'group')}</span>
                      <div className="ml-auto flex gap-1">
                        <Button size="sm" variant="ghost" disabled={i === 0} onClick={() => restructure(moveTier(f.tiers, i, -1))} aria-label={`Move tier ${n} up (start it earlier)`}>
                          Up
                        </Button>
                        <Button size="sm" variant="ghost" disabled={i === f.tiers.length - 1} onClick={() => restructure(moveTier(f.tiers, i, 1))} aria-label={`Move tier ${n} down (start it later)`}>
                          Down
                        </Button>
                        <Button size="sm" variant="ghost" icon="x" disabled={f.tiers.length <= 1} onClick={() => restructure(removeTier(f.tiers, i))} aria-label={`Remove tier ${n}`}>
                          Remove tier
                        </Button>
                      </div>
                    </header>

                    {t.groupIds.length === 0 ? (
                      <p className="px-3 py-3 text-sm text-slate-500 dark:text-slate-400">No groups yet: add one below.</p>
                    ) : (
                      <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label={`Groups of tier ${n}`}>
                        {t.groupIds.map((id, j) => {
                          const g = byId.get(id);
                          const name = g?.name ?? id;
                          const groupErr = err(`tiers.${i}.groupIds.${j}`);
                          return (
                            <li key={id} className="flex flex-wrap items-start justify-between gap-3 px-3 py-2">
                              <div className="flex min-w-0 flex-col gap-0.5">
                                <span className="text-sm font-medium">{name}</span>
                                {g ? <GroupFacts group={g} sites={sites} /> : <span className="text-xs text-slate-500">No longer a protection group of yours</span>}
                                {g && <BootOrderHint bootOrder={g.bootOrder} />}
                                {groupErr && <p className="text-xs font-medium text-red-700 dark:text-red-400">{groupErr}</p>}
                              </div>
                              <div className="flex items-center gap-2">
                                <label className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                                  Tier
                                  <Select className="h-8 w-20" value={t.key} onChange={(e) => setF((x) => ({ ...x, tiers: placeGroup(x.tiers, id, e.target.value) }))} aria-label={`Tier of ${name}`}>
                                    {f.tiers.map((o, k) => (
                                      <option key={o.key} value={o.key}>
                                        {k + 1}
                                      </option>
                                    ))}
                                  </Select>
                                </label>
                                <Button size="sm" variant="ghost" icon="x" onClick={() => setF((x) => ({ ...x, tiers: removeGroup(x.tiers, id) }))} aria-label={`Remove ${name} from the plan`}>
                                  Remove
                                </Button>
                              </div>
                            </li>
                          );
                        })}
                      </ul>
                    )}

                    <div className={cn('grid gap-3 border-t border-slate-100 px-3 py-3 dark:border-slate-800', free.length > 0 && 'md:grid-cols-[1fr_auto]')}>
                      {free.length > 0 && <AddGroup inputId={addId} tier={n} free={free} onAdd={(groupId) => setF((x) => ({ ...x, tiers: placeGroup(x.tiers, groupId, t.key) }))} />}
                      <Field
                        htmlFor={delayId}
                        label="Delay after this tier (seconds)"
                        hint={
                          i === f.tiers.length - 1
                            ? 'Last tier: a delay only matters once another tier follows it.'
                            : `Tier ${n + 1} starts ${delaySeconds !== null && delaySeconds > 0 ? `${formatDuration(delaySeconds)} after` : 'as soon as'} every VM of tier ${n} is up (at most 1 h).`
                        }
                        error={delayErr}
                        className="md:w-80"
                      >
                        <Input id={delayId} inputMode="numeric" value={t.delay} onChange={(e) => setF((x) => ({ ...x, tiers: setDelay(x.tiers, i, e.target.value) }))} {...fieldAria(delayId, delayErr, true)} />
                      </Field>
                    </div>
                    {tierErrs.map((e) => (
                      <p key={e} className="px-3 pb-2 text-xs font-medium text-red-700 dark:text-red-400">
                        {e}
                      </p>
                    ))}
                  </section>
                </li>
              );
            })}
          </ol>
          {err('tiers') && <p className="text-sm font-medium text-red-700 dark:text-red-400">{err('tiers')}</p>}
          <Button variant="secondary" disabled={f.tiers.length >= RUN_LIMITS.tiers} onClick={() => restructure(addTier(f.tiers))}>
            Add tier
          </Button>
          {f.tiers.length >= RUN_LIMITS.tiers && <p className="text-xs text-slate-500 dark:text-slate-400">A plan has at most {RUN_LIMITS.tiers} tiers.</p>}
          {free.length === 0 && <p className="text-xs text-slate-500 dark:text-slate-400">Every protection group of yours is in this plan: remove one from a tier to place it elsewhere, or use its Tier select.</p>}
        </CardBody>
      </Card>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {plural(f.tiers.length, 'tier')}, {plural(placed.length, 'group')}, {plural(vmTotal, 'VM')}.
          {free.length > 0 && ` ${plural(free.length, 'group')} not in the plan.`}
        </p>
        <div className="flex gap-2">
          {onClose ? (
            <Button variant="ghost" onClick={onClose}>
              Discard changes
            </Button>
          ) : (
            <Link href="/recovery/plans" className={buttonClasses({ variant: 'ghost' })}>
              Cancel
            </Link>
          )}
          <Button type="submit" variant="primary" pending={pending}>
            {plan ? 'Save plan' : 'Create plan'}
          </Button>
        </div>
      </div>
      {result && !result.ok && (
        <p role="status" className="text-right text-sm font-medium text-red-700 dark:text-red-400">
          {result.message}
        </p>
      )}
    </form>
  );
}

/** A select of the groups in no tier yet, and a button: choosing does nothing until "Add" (arrow keys stay safe). */
function AddGroup({ inputId, tier, free, onAdd }: { inputId: string; tier: number; free: PlanGroupOptionDto[]; onAdd: (groupId: string) => void }) {
  const [choice, setChoice] = useState('');
  const chosen = free.some((g) => g.id === choice) ? choice : '';
  return (
    <div className="space-y-1">
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        Add a protection group to tier {tier}
      </label>
      <div className="flex gap-2">
        <Select id={inputId} value={chosen} onChange={(e) => setChoice(e.target.value)}>
          <option value="">Choose a group not in the plan</option>
          {free.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name} ({plural(g.vmCount, 'VM')})
            </option>
          ))}
        </Select>
        <Button
          variant="secondary"
          disabled={!chosen}
          onClick={() => {
            onAdd(chosen);
            setChoice('');
          }}
        >
          Add
        </Button>
      </div>
    </div>
  );
}
