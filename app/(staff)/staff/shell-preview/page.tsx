// TEMPORARY (shell helper): screenshot of the staff shell. Deleted before hand-off.
import { PageHeader } from '@/components/ui/page-header';
import { SiteStatusBadge } from '@/components/ui/status-badge';
export default function P() {
  return <PageHeader title="Overview" description="Every tenant, site and open request." meta={<SiteStatusBadge status="degraded" />} />;
}
