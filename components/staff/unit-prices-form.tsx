'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, fieldAria, Input } from '@/components/ui/field';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatNumber } from '@/lib/format';
import { PRICE_LABEL, PRICE_RESOURCES, priceFromUsage, type PriceEstimate, type UnitPrices } from '@/lib/domain/resources/price-math';
import { unitPricesSchema } from '@/lib/schemas/resources';
import type { FormState } from './form-state';
import { formatMoney } from './money';
import { useFormStateAction } from './use-form-state-action';

type Props = {
  tenantId: string;
  tenantName: string;
  currency: string;
  unitPrices: UnitPrices;
  /** The estimate at the saved prices: its usage (20 % of it billed) prices the preview. */
  estimate: PriceEstimate;
  action: (formData: FormData) => Promise<FormState>;
};

type Text = Record<(typeof PRICE_RESOURCES)[number], string>;

const units = (v: number) => formatNumber(v, Number.isInteger(v) ? 0 : 2);

/**
 * Staff set a tenant's monthly unit prices (pence per GHz, per GB of memory, per GB of storage).
 * The route's zod schema checks what is typed; the monthly estimate at the new prices shows
 * before saving, and saving asks to confirm the change from the old estimate to the new.
 */
export function UnitPricesForm({ tenantId, tenantName, currency, unitPrices, estimate, action }: Props) {
  const initial: Text = { vcpuGhz: String(unitPrices.vcpuGhz), memoryGb: String(unitPrices.memoryGb), storageGb: String(unitPrices.storageGb) };
  const [text, setText] = useState<Text>(initial);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const { run, pending } = useFormStateAction();
  const parsed = unitPricesSchema.safeParse(text);
  const errors: Record<string, string> = { ...(parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]))), ...serverErrors };
  const next = parsed.success ? priceFromUsage(estimate.usage, parsed.data, estimate.vmCount) : null;
  const changed = PRICE_RESOURCES.some((r) => text[r].trim() !== initial[r]);

  async function save() {
    const fd = new FormData();
    for (const r of PRICE_RESOURCES) fd.set(r, text[r]);
    await run(async () => {
      const state = await action(fd);
      setServerErrors(state.errors ?? {});
      return state;
    }, { failed: `Unit prices of ${tenantName} not saved`, done: 'Unit prices saved' });
  }

  return (
    <>
      <form
        className="space-y-3 border-t border-slate-200 p-4 dark:border-slate-800"
        noValidate
        data-testid={`unit-prices-${tenantId}`}
        onSubmit={(e) => {
          e.preventDefault();
          if (parsed.success && changed) setConfirming(true);
        }}
      >
        <h3 className="text-sm font-semibold">Unit prices a month ({currency}, in pence)</h3>
        <div className="grid gap-3 sm:grid-cols-3">
          {PRICE_RESOURCES.map((r) => {
            const id = `price-${tenantId}-${r}`;
            const err = errors[r] ?? null;
            const pence = Number(text[r]);
            return (
              <Field key={r} htmlFor={id} label={`${PRICE_LABEL[r].label} per ${PRICE_LABEL[r].unit}`} hint={Number.isInteger(pence) && text[r].trim() !== '' ? `${formatMoney(pence, currency)} per ${PRICE_LABEL[r].unit}` : 'Whole pence'} error={err}>
                <Input
                  id={id}
                  name={r}
                  inputMode="numeric"
                  value={text[r]}
                  onChange={(e) => {
                    setText((t) => ({ ...t, [r]: e.target.value }));
                    setServerErrors({});
                  }}
                  {...fieldAria(id, err, true)}
                />
              </Field>
            );
          })}
        </div>
        <Table caption={`Monthly recovery estimate of ${tenantName} at these prices`}>
          <THead>
            <tr>
              <Th>Resource</Th>
              <Th numeric>Protected VMs use</Th>
              <Th numeric>Billed (20 %)</Th>
              <Th numeric>A month</Th>
            </tr>
          </THead>
          <TBody>
            {(next ?? estimate).lines.map((l) => (
              <Tr key={l.resource}>
                <Th scope="row" className="font-normal text-slate-700 dark:text-slate-300">
                  {PRICE_LABEL[l.resource].label}
                </Th>
                <Td numeric>
                  {units(l.usage)} {PRICE_LABEL[l.resource].unit}
                </Td>
                <Td numeric>
                  {units(l.units)} {PRICE_LABEL[l.resource].unit}
                </Td>
                <Td numeric>{next ? formatMoney(l.monthlyCents, currency) : '—'}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        <p className="text-sm" data-testid={`estimate-${tenantId}`}>
          Monthly estimate ({estimate.vmCount} protected VM{estimate.vmCount === 1 ? '' : 's'}): <strong>{next ? formatMoney(next.monthlyCents, currency) : '—'}</strong>
          {changed && next && <span className="text-slate-500 dark:text-slate-400"> (now {formatMoney(estimate.monthlyCents, currency)})</span>}
        </p>
        <div className="flex gap-2">
          <Button type="submit" variant="primary" disabled={!changed || !parsed.success} pending={pending}>
            Save unit prices
          </Button>
          {changed && (
            <Button
              variant="ghost"
              onClick={() => {
                setText(initial);
                setServerErrors({});
              }}
            >
              Discard changes
            </Button>
          )}
        </div>
      </form>
      {/* Outside the form: the dialog has a form of its own, and a nested form's submit would reach this one. */}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Change the unit prices of ${tenantName}?`}
        description={`The Resources page of ${tenantName} shows the new monthly estimate at once; the change is audited.`}
        confirmLabel="Save unit prices"
        onConfirm={save}
      >
        {next && (
          <p className="text-sm">
            Monthly estimate {formatMoney(estimate.monthlyCents, currency)} → <strong>{formatMoney(next.monthlyCents, currency)}</strong>
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
