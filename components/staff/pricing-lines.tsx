import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatNumber } from '@/lib/format';
import type { PricingLine } from '@/lib/domain/staff/pricing';

const RESOURCE_LABEL: Record<PricingLine['resource'], { label: string; unit: string }> = {
  vcpuGhz: { label: 'vCPU', unit: 'GHz' },
  memoryGb: { label: 'Memory', unit: 'GB' },
  storageGb: { label: 'Storage', unit: 'GB' },
};

// Up to two decimals, trailing zeros dropped: "134.4 GB", "32 GHz".
const n = (v: number) => {
  const text = formatNumber(v, Number.isInteger(v) ? 0 : 2);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
};

/** Production usage, recovery reservation and the recovery price units (20%), per resource. */
export function PricingLines({ lines, caption }: { lines: PricingLine[]; caption: string }) {
  return (
    <Table caption={caption}>
      <THead>
        <tr>
          <Th>Resource</Th>
          <Th numeric>Production usage</Th>
          <Th numeric>Recovery reserved</Th>
          <Th numeric>Recovery billed at 20 %</Th>
        </tr>
      </THead>
      <TBody>
        {lines.map((l) => {
          const { label, unit } = RESOURCE_LABEL[l.resource];
          return (
            <Tr key={l.resource}>
              <Th scope="row" className="font-normal text-slate-700 dark:text-slate-300">
                {label}
              </Th>
              <Td numeric>
                {n(l.production)} {unit}
              </Td>
              <Td numeric>
                {n(l.recoveryReserved)} {unit}
              </Td>
              <Td numeric className="font-medium text-slate-900 dark:text-slate-100">
                {n(l.recoveryPriceUnits)} {unit}
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
