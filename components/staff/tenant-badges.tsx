import { Badge } from '@/components/ui/badge';
import type { ConnectionOption } from '@/lib/domain/staff/dto';

const CONNECTION_LABEL: Record<ConnectionOption, string> = { portal: 'Portal only', vpn: 'VPN', mpls: 'MPLS', p2p: 'Point-to-point' };

export function connectionLabel(c: ConnectionOption): string {
  return CONNECTION_LABEL[c] ?? c;
}

export function TenantStatusBadge({ status }: { status: 'active' | 'suspended' }) {
  return status === 'active' ? (
    <Badge tone="success" icon="checkCircle">
      Active
    </Badge>
  ) : (
    <Badge tone="danger" icon="pause">
      Suspended
    </Badge>
  );
}
