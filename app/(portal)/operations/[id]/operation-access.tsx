import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { AccessDto, OperationDto } from '@/lib/domain/operations/operation-dto';
import { CONNECTION_LABEL } from '@/lib/network/access';

function AccessTable({ items, caption, test }: { items: AccessDto[]; caption: string; test: boolean }) {
  return (
    <Table caption={caption}>
      <THead>
        <tr>
          <Th>VM</Th>
          <Th>{test ? 'Test address' : 'Recovered address'}</Th>
          <Th>How to reach it</Th>
          {test && <Th>Console</Th>}
        </tr>
      </THead>
      <TBody>
        {items.map((a) => (
          <Tr key={a.vmId} data-testid={`access-${a.vmId}`}>
            <Td className="whitespace-nowrap font-medium">{a.name}</Td>
            <Td>
              {a.nics.length === 0 ? (
                <span className="text-slate-500 dark:text-slate-400">not recorded</span>
              ) : (
                a.nics.map((n) => (
                  <span key={n.nic} className="block">
                    <span className="font-mono text-xs" data-testid="access-address">
                      {n.ip}
                      {n.prefix !== null && `/${n.prefix}`}
                    </span>
                    <span className="block text-xs text-slate-500 dark:text-slate-400">
                      NIC {n.nic} on “{n.network}”{n.gateway && ` · gw ${n.gateway}`}
                    </span>
                  </span>
                ))
              )}
            </Td>
            <Td className="max-w-md text-xs">
              <Badge tone="info">{CONNECTION_LABEL[a.connection]}</Badge> <span className="text-slate-600 dark:text-slate-300">{a.reach}</span>
            </Td>
            {test && (
              <Td>
                {a.consolePath && (
                  <Link href={a.consolePath} className="whitespace-nowrap text-sm font-medium text-sky-700 hover:underline dark:text-sky-400" aria-label={`Open the console of ${a.name}`}>
                    Open console
                  </Link>
                )}
              </Td>
            )}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

/** While a test runs: its VMs that are up and how to reach them. After a committed live failover: addresses, NAT and DNS. */
export function OperationAccess({ op }: { op: OperationDto }) {
  if (op.testAccess) {
    return (
      <Card data-testid="test-access">
        <CardHeader title="Test access" description={`Test VMs that are up at ${op.toSiteName}, their test addresses and how to reach them over your connection.`} />
        {op.testAccess.length === 0 ? (
          <EmptyState icon="server" title="No test VM is up yet" description="Each VM appears here when its boot group has started." />
        ) : (
          <AccessTable items={op.testAccess} caption="Test VMs and how to reach them" test />
        )}
      </Card>
    );
  }
  if (!op.liveAccess) return null;
  const { vms, nat, dns } = op.liveAccess;
  return (
    <Card data-testid="live-access">
      <CardHeader title="Recovered VMs" description={`Production now runs at ${op.toSiteName}: the recovered addresses, public NAT and the DNS records changed (simulated).`} />
      <AccessTable items={vms} caption="Recovered VMs and how to reach them" test={false} />
      {nat.length > 0 && (
        <>
          <h3 className="border-t border-slate-200 px-4 pt-3 text-sm font-semibold dark:border-slate-800">Public IP (1:1 NAT)</h3>
          <Table caption="Public IP and NAT mappings">
            <THead>
              <tr>
                <Th>VM</Th>
                <Th>Public IP</Th>
                <Th>Private IP</Th>
                <Th>Ports</Th>
              </tr>
            </THead>
            <TBody>
              {nat.map((m) => (
                <Tr key={m.vmId}>
                  <Td>{m.vmName}</Td>
                  <Td className="font-mono text-xs">{m.publicIp}</Td>
                  <Td className="font-mono text-xs">{m.privateIp}</Td>
                  <Td className="text-xs">{m.ports}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </>
      )}
      {dns.length > 0 && (
        <>
          <h3 className="border-t border-slate-200 px-4 pt-3 text-sm font-semibold dark:border-slate-800">DNS records changed</h3>
          <Table caption="DNS records changed">
            <THead>
              <tr>
                <Th>Record</Th>
                <Th>Type</Th>
                <Th>Was</Th>
                <Th>Now</Th>
                <Th numeric>TTL</Th>
              </tr>
            </THead>
            <TBody>
              {dns.map((d) => (
                <Tr key={d.name}>
                  <Td className="font-mono text-xs">{d.name}</Td>
                  <Td>{d.type}</Td>
                  <Td className="font-mono text-xs">{d.from}</Td>
                  <Td className="font-mono text-xs">{d.to}</Td>
                  <Td numeric>{d.ttlSeconds} s</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </>
      )}
    </Card>
  );
}
