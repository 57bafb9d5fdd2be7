'use client';

import { WizardSteps } from '@/components/operations/wizard-steps';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { apiJson } from '@/components/portal/api';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import type { FailoverContextDto } from '@/lib/domain/operations/failover-context';
import type { PreflightDto } from '@/lib/domain/operations/operation-preflight';
import { CheckpointPicker } from './checkpoint-picker';
import { ModeSwitch } from '@/components/portal/operation-mode-switch';
import { PreflightReview } from './preflight-review';
import { StartStep } from './start-step';
import { WizardOptions } from './wizard-options';
import { defaultOptions, liveLabel, pointParams, type LiveOptions, type RecoveryPoint, type WizardMode } from './wizard-state';

export type { WizardMode } from './wizard-state';

const STEPS = ['Recovery point', 'Options', 'Pre-flight checks', 'Start'] as const;

/** TEST / LIVE / MOVE in one wizard; live modes wear a red frame so nobody mistakes them for a test. */
export function FailoverWizard({ context, initialMode }: { context: FailoverContextDto; initialMode: WizardMode }) {
  const router = useRouter();
  const [mode, setModeState] = useState<WizardMode>(initialMode);
  const [step, setStep] = useState(0);
  const [point, setPoint] = useState<RecoveryPoint>({ kind: 'latest' });
  const [options, setOptions] = useState<LiveOptions>(defaultOptions(initialMode));
  const setMode = (m: WizardMode) => {
    setModeState(m);
    setOptions(defaultOptions(m));
  };
  const params = new URLSearchParams({ type: mode, ...pointParams(mode, point) });
  const preflight = useQuery({
    queryKey: ['preflight', context.group.id, params.toString()],
    queryFn: ({ signal }) => apiJson<PreflightDto>(`/api/v1/groups/${context.group.id}/preflight?${params}`, { signal }),
    enabled: step >= 2,
    staleTime: 0,
  });
  // A new step puts focus on its heading, so keyboard and screen-reader users land on it rather
  // than on the page body (and the 13 navigation links before the wizard). Not on first render.
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(step);
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    stepHeading.current?.focus();
  }, [step]);
  const live = mode === 'failover';
  const frame = live ? 'border-2 border-red-600 dark:border-red-500' : mode === 'move' ? 'border-2 border-amber-500' : '';

  return (
    <div className="space-y-4">
      {context.group.openOperationId && (
        <p className="rounded-md border border-violet-300 bg-violet-50 px-3 py-2 text-sm text-violet-900 dark:border-violet-800 dark:bg-violet-500/10 dark:text-violet-200">
          An operation is already open on this group.{' '}
          <Link className="font-medium underline" href={`/operations/${context.group.openOperationId}`}>
            Follow it
          </Link>
          ; another can start once it has ended.
        </p>
      )}
      <ModeSwitch liveLabel={liveLabel(context)} mode={mode} onChange={setMode} />
      <Card className={cn(frame)} data-testid="failover-wizard" data-mode={mode} data-now={context.now}>
        {live && (
          <div className="rounded-t-md bg-red-600 px-4 py-2 text-sm font-semibold text-white" role="note">
            LIVE {context.group.reversed ? 'FAILBACK' : 'FAILOVER'}: production moves from {context.source.name} to {context.target.name}.
          </div>
        )}
        <CardHeader
          title={`Step ${step + 1} of ${STEPS.length}: ${STEPS[step]}`}
          headingRef={stepHeading}
          actions={
            step === 0 && (
              <Button size="sm" variant="ghost" icon="refresh" onClick={() => router.refresh()}>
                Refresh
              </Button>
            )
          }
        />
        <WizardSteps steps={STEPS} current={step} />
        <CardBody>
          {step === 0 &&
            (mode === 'move' ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                A move needs no recovery point: the source VMs are shut down, the last writes synced, and a clean checkpoint taken. No data is lost.
              </p>
            ) : (
              <CheckpointPicker context={context} value={point} onChange={setPoint} />
            ))}
          {step === 1 && <WizardOptions context={context} mode={mode} value={options} onChange={setOptions} />}
          {step === 2 && <PreflightReview data={preflight.data} error={preflight.error} loading={preflight.isFetching} onRerun={() => void preflight.refetch()} />}
          {step === 3 && (
            <StartStep
              context={context}
              mode={mode}
              point={point}
              options={options}
              preflight={preflight.data}
              onStarted={(id) => router.push(`/operations/${id}`)}
            />
          )}
        </CardBody>
        <div className="flex justify-between border-t border-slate-200 px-4 py-3 dark:border-slate-800">
          <Button onClick={() => setStep((s) => Math.max(0, s - 1))} disabled={step === 0}>
            Back
          </Button>
          {step < STEPS.length - 1 && (
            <Button variant="primary" onClick={() => setStep((s) => s + 1)} disabled={step === 2 && !preflight.data?.ok}>
              Next
            </Button>
          )}
        </div>
      </Card>
    </div>
  );
}
