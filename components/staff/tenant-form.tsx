'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import type { TenantDto } from '@/lib/domain/staff/dto';
import { FormMessage } from './form-message';
import { INITIAL_FORM_STATE, fieldError, valueOf, type FormState } from './form-state';

const CONNECTIONS = [
  { value: 'portal', label: 'Portal only (internet)' },
  { value: 'vpn', label: 'Site-to-site VPN' },
  { value: 'mpls', label: 'MPLS' },
  { value: 'p2p', label: 'Point-to-point circuit' },
];

type Props = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  tenant?: TenantDto;
  submitLabel: string;
};

/** Create or edit a tenant: identity, connection option, bandwidth limits, charge, contact. */
export function TenantForm({ action, tenant, submitLabel }: Props) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  const input = (name: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement> & { hint?: string; errorKey?: string } = {}) => {
    const { hint, errorKey, ...rest } = props;
    const error = fieldError(state, errorKey ?? name);
    return (
      <Field htmlFor={`tenant-${name}`} label={label} hint={hint} error={error}>
        <Input
          id={`tenant-${name}`}
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `tenant-${name}-error` : hint ? `tenant-${name}-hint` : undefined}
          {...rest}
        />
      </Field>
    );
  };
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        {input('name', 'Name', { defaultValue: valueOf(state, 'name', tenant?.name), required: true, autoComplete: 'organization' })}
        {input('slug', 'Slug', { defaultValue: valueOf(state, 'slug', tenant?.slug), required: true, hint: 'Lower-case letters, digits and hyphens; unique.', spellCheck: false })}
        <Field htmlFor="tenant-connection" label="Connection option" error={fieldError(state, 'connection')}>
          <Select id="tenant-connection" name="connection" defaultValue={valueOf(state, 'connection', tenant?.connection ?? 'vpn')}>
            {CONNECTIONS.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </Select>
        </Field>
        {input('monthlyCharge', 'Monthly charge (GBP)', {
          defaultValue: valueOf(state, 'monthlyCharge', tenant ? (tenant.monthlyChargeCents / 100).toFixed(2) : ''),
          inputMode: 'decimal',
          errorKey: 'monthlyChargeCents',
          hint: 'The base of service credits.',
        })}
        {input('externalBandwidthMbps', 'External bandwidth limit (Mbit/s)', { defaultValue: valueOf(state, 'externalBandwidthMbps', tenant?.externalBandwidthMbps ?? 500), inputMode: 'numeric' })}
        {input('interSiteBandwidthMbps', 'Inter-datacentre bandwidth limit (Mbit/s)', {
          defaultValue: valueOf(state, 'interSiteBandwidthMbps', tenant?.interSiteBandwidthMbps ?? 200),
          inputMode: 'numeric',
          hint: 'Shared by all of the tenant’s replication, by group priority.',
        })}
        {input('contactName', 'DR contact', { defaultValue: valueOf(state, 'contactName', tenant?.contactName) })}
        {input('contactEmail', 'Contact email', { defaultValue: valueOf(state, 'contactEmail', tenant?.contactEmail), type: 'email' })}
        {input('contactPhone', 'Contact phone', { defaultValue: valueOf(state, 'contactPhone', tenant?.contactPhone), type: 'tel' })}
      </div>
      <FormMessage state={state} />
      <div className="flex justify-end">
        <Button type="submit" variant="primary" pending={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
