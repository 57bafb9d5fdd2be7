'use client';

import { WizardSteps } from '@/components/operations/wizard-steps';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { apiJson } from '@/components/portal/api';
import { plural } from '@/components/portal/labels';
import { ModeSwitch } from '@/components/portal/operation-mode-switch';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import type { GroupDto, SiteDto } from '@/lib/domain/core/dto';
import type { RecoveryPlanDto } from '@/lib/domain/recovery/plan-dto';
import type { RunPreflightDto } from '@/lib/domain/recovery/run-dto';
import type { RunType } from '@/lib/schemas/recovery-runs';
import { GroupPicker } from './group-picker';
import { RunOptionsStep } from './run-options';
import { RunReview } from './run-review';
import { choiceReady, defaultRunOptions, startRunBody, type GroupChoice, type RunOptions } from './run-wizard-state';

const STEPS = ['Groups', 'Options', 'Pre-flight review and start'] as const;

type Props = { groups: GroupDto[]; sites: SiteDto[]; plans: RecoveryPlanDto[]; initialType: RunType; initialChoice: GroupChoice; initialReason: string; approvalRequired?: boolean };

/**
 * TEST / LIVE / MOVE for several groups: choose them (by source site or by hand), set the live
 * options and a reason, then review the pre-flight of the whole run and start it. Live modes
 * wear the red frame of the single-group wizard.
 */
export function RunWizard({ groups, sites, plans, initialType, initialChoice, initialReason, approvalRequired = false }: Props) {
  const router = useRouter();
  const [type, setTypeState] = useState<RunType>(initialType);
  const [choice, setChoice] = useState<GroupChoice>(initialChoice);
  const [options, setOptions] = useState<RunOptions>(defaultRunOptions(initialType, initialReason));
  const [step, setStep] = useState(0);
  const setType = (t: RunType) => {
    setTypeState(t);
    setOptions((o) => defaultRunOptions(t, o.reason));
  };
  const body = startRunBody(type, choice, options);
  const preflight = useQuery({
    queryKey: ['run-preflight', JSON.stringify(body)],
    queryFn: ({ signal }) => apiJson<RunPreflightDto>('/api/v1/recovery-runs/preflight', { method: 'POST', body, signal }),
    enabled: step === 2,
    staleTime: 0,
    retry: false,
  });
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(step);
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    stepHeading.current?.focus();
  }, [step]);

  const planIds = choice.by === 'plan' ? new Set(plans.find((p) => p.id === choice.planId)?.tiers.flatMap((t) => t.groups.map((g) => g.id)) ?? []) : null;
  const chosen =
    choice.by === 'site' ? groups.filter((g) => g.sourceSiteId === choice.siteId) : choice.by === 'plan' ? groups.filter((g) => planIds?.has(g.id)) : groups.filter((g) => choice.groupIds.includes(g.id));
  const vmCount = chosen.reduce((n, g) => n + g.vmIds.length, 0);
  const siteName = (id: string) => sites.find((s) => s.id === id)?.name ?? id;
  const live = type === 'failover';
  const frame = live ? 'border-2 border-red-600 dark:border-red-500' : type === 'move' ? 'border-2 border-amber-500' : '';
  const from = [...new Set(chosen.map((g) => siteName(g.sourceSiteId)))].join(', ') || '…';

  return (
    <div className="space-y-4">
      <ModeSwitch liveLabel="Live failover" mode={type} onChange={setType} name="run-type" />
      <Card className={cn(frame)} data-testid="run-wizard" data-type={type}>
        {type !== 'test-failover' && (
          <div className={cn('rounded-t-md px-4 py-2 text-sm font-semibold', live ? 'bg-red-600 text-white' : 'bg-amber-500 text-slate-950')} role="note">
            {live ? 'LIVE FAILOVER' : 'MOVE'} of {plural(chosen.length, 'group')}: production moves from {from} to the recovery sites.{live ? ' This is not a test.' : ''}
          </div>
        )}
        <CardHeader title={`Step ${step + 1} of ${STEPS.length}: ${STEPS[step]}`} headingRef={stepHeading} />
        <WizardSteps steps={STEPS} current={step} />
        <CardBody>
          {step === 0 && <GroupPicker groups={groups} sites={sites} plans={plans} value={choice} onChange={setChoice} />}
          {step === 1 && <RunOptionsStep type={type} value={options} onChange={setOptions} sourceDown={chosen.some((g) => sites.find((s) => s.id === g.sourceSiteId)?.status === 'offline')} />}
          {step === 2 && (
            <RunReview
              type={type}
              body={body}
              options={options}
              data={preflight.data}
              error={preflight.error}
              loading={preflight.isFetching}
              onRerun={() => void preflight.refetch()}
              onStarted={(id) => router.push(`/recovery/runs/${id}`)}
              approvalRequired={approvalRequired}
            />
          )}
        </CardBody>
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 dark:border-slate-800">
          <Button onClick={() => setStep((s) => Math.max(0, s - 1))} disabled={step === 0}>
            Back
          </Button>
          <span className="text-xs text-slate-500 dark:text-slate-400" data-testid="run-totals">
            {plural(chosen.length, 'group')}, {plural(vmCount, 'VM')}
          </span>
          {step < STEPS.length - 1 ? (
            <Button variant="primary" onClick={() => setStep((s) => s + 1)} disabled={!choiceReady(choice) || chosen.length === 0}>
              Next
            </Button>
          ) : (
            <span />
          )}
        </div>
      </Card>
    </div>
  );
}
