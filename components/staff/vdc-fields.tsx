'use client';

import { Field, Input } from '@/components/ui/field';
import { fieldError, valueOf, type FormState } from './form-state';

type Values = { vcpuGhz?: number; memoryGb?: number; storageGb?: number; guaranteedIops?: number };

const FIELDS = [
  { name: 'vcpuGhz', label: 'vCPU (GHz)', mode: 'decimal' },
  { name: 'memoryGb', label: 'Memory (GB)', mode: 'decimal' },
  { name: 'storageGb', label: 'Storage (GB, all-SSD)', mode: 'decimal' },
  { name: 'guaranteedIops', label: 'Guaranteed IOPS', mode: 'numeric' },
] as const;

/** The four reserved resources of a vDC, shared by the create and resize forms. */
export function VdcResourceFields({ idPrefix, state, values }: { idPrefix: string; state: FormState; values?: Values }) {
  return (
    <>
      {FIELDS.map((f) => {
        const id = `${idPrefix}-${f.name}`;
        const error = fieldError(state, f.name);
        return (
          <Field key={f.name} htmlFor={id} label={f.label} error={error}>
            <Input
              id={id}
              name={f.name}
              inputMode={f.mode}
              defaultValue={valueOf(state, f.name, values?.[f.name])}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
          </Field>
        );
      })}
    </>
  );
}
