'use client';

import { errorsUnder, fieldError, type ActionResult } from '@/components/portal/action-result';
import { Button } from '@/components/ui/button';
import { Field, fieldAria, Input } from '@/components/ui/field';
import { EMPTY_MAPPING, type MappingForm, type NetworkForm } from './settings-model';

type Props = {
  /** Schema path of this network ("testNetwork" or "liveNetwork"), for ids and errors. */
  path: 'testNetwork' | 'liveNetwork';
  legend: string;
  hint: string;
  value: NetworkForm;
  onChange: (v: NetworkForm) => void;
  result: ActionResult | null;
  disabled?: boolean;
  /** Per-NIC and network-map errors are shown beside their own fields elsewhere (the Networks editor). */
  nicErrorsElsewhere?: boolean;
};

/** One failover network: keep the addresses, or re-IP each source subnet to a target subnet. */
export function NetworkFields({ path, legend, hint, value, onChange, result, disabled, nicErrorsElsewhere = false }: Props) {
  const setMapping = (i: number, patch: Partial<MappingForm>) => onChange({ ...value, mappings: value.mappings.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  const err = (sub: string) => fieldError(result, `${path}.${sub}`);
  // Per-NIC problems (addresses out of subnet or taken) name the NIC in their message.
  const elsewhere = nicErrorsElsewhere ? [] : [...errorsUnder(result, `${path}.nics`), ...errorsUnder(result, `${path}.overrides`), ...errorsUnder(result, `${path}.networkMap`)];
  const listErrors = [fieldError(result, path), fieldError(result, `${path}.mappings`), ...elsewhere].filter(Boolean);

  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-800" disabled={disabled} data-testid={`${path}-fields`}>
      <legend className="px-1 text-sm font-semibold">{legend}</legend>
      <p className="text-xs text-slate-500 dark:text-slate-400">{hint}</p>
      <div role="radiogroup" aria-label={`${legend}: addressing`} className="flex flex-wrap gap-4 text-sm">
        {(['keep-ip', 're-ip'] as const).map((mode) => (
          <label key={mode} className="flex items-center gap-2">
            <input
              type="radio"
              name={`${path}-mode`}
              value={mode}
              checked={value.mode === mode}
              onChange={() => onChange({ ...value, mode, mappings: mode === 're-ip' && value.mappings.length === 0 ? [{ ...EMPTY_MAPPING }] : value.mappings })}
              className="size-4 accent-sky-700"
            />
            {mode === 'keep-ip' ? 'Keep IP addresses (same subnets at recovery)' : 'Re-IP (map subnets)'}
          </label>
        ))}
      </div>
      <Field htmlFor={`${path}-network`} label="Network at the recovery site" error={err('network')} className="max-w-sm">
        <Input id={`${path}-network`} value={value.network} onChange={(e) => onChange({ ...value, network: e.target.value })} {...fieldAria(`${path}-network`, err('network'))} />
      </Field>
      {value.mode === 're-ip' && (
        <div className="space-y-2">
          {value.mappings.map((m, i) => {
            const id = `${path}-m${i}`;
            return (
              <div key={i} className="grid items-start gap-2 sm:grid-cols-[1fr_1fr_1fr_1fr_auto]" data-testid={`${path}-mapping-${i}`}>
                {(
                  [
                    ['sourceSubnet', 'Source subnet', '10.10.0.0/16'],
                    ['targetSubnet', 'Target subnet', '10.110.0.0/16'],
                    ['gateway', 'Gateway', '10.110.0.1'],
                    ['dns', 'DNS servers', '10.110.0.10, 10.110.0.11'],
                  ] as const
                ).map(([key, label, placeholder]) => {
                  const e = err(`mappings.${i}.${key}`) ?? (key === 'dns' ? errorsUnder(result, `${path}.mappings.${i}.dns`)[0] ?? null : null);
                  return (
                    <Field
                      key={key}
                      htmlFor={`${id}-${key}`}
                      label={
                        <>
                          {label}
                          <span className="sr-only"> (mapping {i + 1})</span>
                        </>
                      }
                      error={e}
                    >
                      <Input id={`${id}-${key}`} value={m[key]} placeholder={placeholder} onChange={(ev) => setMapping(i, { [key]: ev.target.value })} {...fieldAria(`${id}-${key}`, e)} />
                    </Field>
                  );
                })}
                <Button variant="ghost" size="sm" icon="x" className="mt-6" onClick={() => onChange({ ...value, mappings: value.mappings.filter((_, j) => j !== i) })} aria-label={`Remove mapping ${i + 1}`}>
                  Remove
                </Button>
              </div>
            );
          })}
          <Button variant="secondary" size="sm" onClick={() => onChange({ ...value, mappings: [...value.mappings, { ...EMPTY_MAPPING }] })}>
            Add subnet mapping
          </Button>
        </div>
      )}
      {listErrors.map((e) => (
        <p key={e} className="text-xs font-medium text-red-700 dark:text-red-400">
          {e}
        </p>
      ))}
    </fieldset>
  );
}
