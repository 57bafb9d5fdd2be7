'use client';

import { useActionState, useEffect } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Field, fieldAria, Input } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { fieldError, INITIAL_FORM_STATE, valueOf, type FormState } from './form-state';

type Props = {
  siteName: string;
  storageIopsPercent: number;
  hostsDown: number;
  hostsTotal: number;
  action: (formData: FormData) => Promise<FormState>;
};

/**
 * Degrade a site short of taking it down: its storage delivers a share of its IOPS (replication
 * to it applies fewer, so busy volumes build a backlog) and hosts are down (recoveries there boot
 * on fewer hosts: forecasts grow). 100 % and 0 hosts restore it.
 */
export function SiteDegradeForm({ siteName, storageIopsPercent, hostsDown, hostsTotal, action }: Props) {
  const [state, submit, pending] = useActionState((_: FormState, fd: FormData) => action(fd), INITIAL_FORM_STATE);
  const { toast } = useToast();
  const router = useRouter();
  useEffect(() => {
    if (!state.at) return;
    toast({ title: state.ok ? (state.message ?? 'Saved') : 'Not changed', description: state.ok ? undefined : state.message, tone: state.ok ? 'success' : 'danger' });
    if (state.ok) router.refresh();
  }, [state, toast, router]);
  const degraded = storageIopsPercent < 100 || hostsDown > 0;
  const storageErr = fieldError(state, 'storageIopsPercent');
  const hostsErr = fieldError(state, 'hostsDown');
  return (
    <Card className="mb-5" data-testid="site-degrade-card">
      <CardHeader
        title="Degradation"
        description={
          degraded
            ? `${siteName} is degraded: storage at ${storageIopsPercent}% of its IOPS, ${hostsDown} of ${hostsTotal} hosts down.`
            : `${siteName} runs at full storage speed on all ${hostsTotal} hosts. Degrade it to rehearse a slow recovery site without taking it down.`
        }
      />
      <CardBody>
        <form action={submit} className="flex flex-wrap items-end gap-4" noValidate>
          <Field htmlFor="degrade-storage" label="Storage IOPS delivered (%)" error={storageErr} className="w-56">
            <Input id="degrade-storage" name="storageIopsPercent" type="number" min={1} max={100} step={1} inputMode="numeric" defaultValue={valueOf(state, 'storageIopsPercent', storageIopsPercent)} {...fieldAria('degrade-storage', storageErr)} />
          </Field>
          <Field htmlFor="degrade-hosts" label={`Hosts down (of ${hostsTotal})`} error={hostsErr} className="w-44">
            <Input id="degrade-hosts" name="hostsDown" type="number" min={0} max={hostsTotal - 1} step={1} inputMode="numeric" defaultValue={valueOf(state, 'hostsDown', hostsDown)} {...fieldAria('degrade-hosts', hostsErr)} />
          </Field>
          <Button type="submit" variant={degraded ? 'secondary' : 'primary'} icon="warning" pending={pending}>
            Apply degradation
          </Button>
        </form>
        {degraded && (
          <form action={submit} className="mt-3">
            <input type="hidden" name="storageIopsPercent" value="100" />
            <input type="hidden" name="hostsDown" value="0" />
            <Button type="submit" icon="undo" pending={pending}>
              Restore full service
            </Button>
          </form>
        )}
      </CardBody>
    </Card>
  );
}
