import { getDb } from '@/lib/domain/core/database';
import { ReplicationCharts as ReplicationChartsLive } from '@/components/portal/group/replication-charts';
import { requireActor } from '@/lib/auth/current-actor';
import { rpoSeries } from '@/lib/domain/replication/rpo';

type Props = { groupId: string; nowMs: number; siteNames: Record<string, string> };

/**
 * The replication charts with their default range (the last 24 h, ≤720 points) read for the
 * page: the server draws them as SVG in the first paint, the browser fetches nothing to show them.
 */
export async function ReplicationCharts(props: Props) {
  const initial = await rpoSeries(getDb(), await requireActor(`/groups/${props.groupId}`), props.groupId);
  return <ReplicationChartsLive {...props} initial={initial} />;
}
