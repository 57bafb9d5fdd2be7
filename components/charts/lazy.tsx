'use client';

/**
 * The Recharts charts, loaded after the page is up: Recharts and its d3 parts are the heaviest
 * scripts of the portal, and these charts draw data that is fetched in the browser anyway (a
 * skeleton shows first), so the first paint and hydration do without them. Colours and types
 * live in ./colors so that importing them loads no chart.
 */
import dynamic from 'next/dynamic';

function ChartPlaceholder() {
  return <div className="h-full w-full animate-pulse rounded bg-slate-100 dark:bg-slate-800/60" aria-hidden="true" />;
}

export const RpoChart = dynamic(() => import('./rpo-chart').then((m) => m.RpoChart), { ssr: false, loading: ChartPlaceholder });
export const ThroughputChart = dynamic(() => import('./throughput-chart').then((m) => m.ThroughputChart), { ssr: false, loading: ChartPlaceholder });
export const IopsChart = dynamic(() => import('./iops-chart').then((m) => m.IopsChart), { ssr: false, loading: ChartPlaceholder });
export const CheckpointTimeline = dynamic(() => import('./checkpoint-timeline').then((m) => m.CheckpointTimeline), { ssr: false, loading: ChartPlaceholder });
