import { VdcActions } from '@/components/staff/vdc-actions';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatNumber } from '@/lib/format';
import type { StorageVolumeDto, VdcDto } from '@/lib/domain/staff/dto';
import { deleteVdcAction, updateVdcAction } from '../actions';

export function VdcTable({ tenantId, vdcs, siteName }: { tenantId: string; vdcs: VdcDto[]; siteName: Record<string, string> }) {
  if (!vdcs.length) return <EmptyState icon="server" title="No vDCs yet" description="Add a production vDC where the client runs and a recovery vDC where it fails over to." />;
  return (
    <Table caption="Virtual datacentres" data-testid="vdc-table">
      <THead>
        <tr>
          <Th>Site</Th>
          <Th>Kind</Th>
          <Th numeric>vCPU</Th>
          <Th numeric>Memory</Th>
          <Th numeric>Storage</Th>
          <Th numeric>IOPS</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </THead>
      <TBody>
        {vdcs.map((v) => (
          <Tr key={v.id}>
            <Td>
              <span className="font-medium text-slate-900 dark:text-slate-100">{siteName[v.siteId] ?? v.siteId}</span>
              <span className="block text-xs text-slate-500">{v.name}</span>
            </Td>
            <Td>
              <Badge tone={v.kind === 'production' ? 'info' : 'neutral'}>{v.kind === 'production' ? 'Production' : 'Recovery'}</Badge>
            </Td>
            <Td numeric>{formatNumber(v.vcpuGhz, Number.isInteger(v.vcpuGhz) ? 0 : 1)} GHz</Td>
            <Td numeric>{formatNumber(v.memoryGb)} GB</Td>
            <Td numeric>{formatNumber(v.storageGb)} GB</Td>
            <Td numeric>{formatNumber(v.guaranteedIops)}</Td>
            <Td>
              <VdcActions vdc={v} resize={updateVdcAction.bind(null, tenantId, v.id)} remove={deleteVdcAction.bind(null, tenantId, v.id)} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

export function StorageVolumes({ volumes, siteName }: { volumes: StorageVolumeDto[]; siteName: Record<string, string> }) {
  if (!volumes.length) return <EmptyState icon="server" title="No volumes" description="A volume appears with the first vDC at a site." />;
  return (
    <Table caption="Dedicated storage volumes">
      <THead>
        <tr>
          <Th>Volume</Th>
          <Th>Site</Th>
          <Th>Media</Th>
          <Th numeric>Size</Th>
          <Th numeric>Guaranteed IOPS</Th>
        </tr>
      </THead>
      <TBody>
        {volumes.map((v) => (
          <Tr key={v.id}>
            <Td className="font-mono text-xs">{v.name}</Td>
            <Td>{siteName[v.siteId] ?? v.siteId}</Td>
            <Td>{v.media === 'ssd' ? 'All-SSD' : v.media}</Td>
            <Td numeric>{formatNumber(v.sizeGb)} GB</Td>
            <Td numeric>{formatNumber(v.guaranteedIops)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
