'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { apiJson } from '@/components/portal/api';
import type { CatchUpStatus } from '@/lib/sim/contract';

type Health = { engine: string; behindSeconds?: number };

const POLL_MS = 3_000;

function behindText(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

/**
 * Shown only while the replication engine catches up with the time the server was down: the
 * figures on the page are as of the time it has reached, and actions wait. It follows progress
 * from the health endpoint and, once live, refreshes the page so its figures are current.
 *
 * A timer remains here, on purpose: the figure it shows (how far behind) moves continuously while
 * the engine catches up, and no data change is announced for it on the live stream (the catch-up
 * runs apart from the request path, issue 20). The poll runs only while the banner is shown, for
 * the minutes after a restart, against /api/health (no database read); it stops once live.
 */
export function CatchUpBanner({ initial }: { initial: CatchUpStatus }) {
  const router = useRouter();
  const { data } = useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => apiJson<Health>('/api/health', { signal }),
    initialData: { engine: 'catching-up', behindSeconds: Math.ceil(initial.behindMs / 1000) },
    refetchInterval: (q) => (q.state.data?.engine === 'catching-up' ? POLL_MS : false),
  });
  const live = data.engine !== 'catching-up';
  useEffect(() => {
    if (live) router.refresh();
  }, [live, router]);
  if (live) return null;

  return (
    <div role="status" data-testid="catch-up-banner" className="flex items-center gap-3 bg-sky-100 px-4 py-1.5 text-xs text-sky-950 md:px-6 dark:bg-sky-500/20 dark:text-sky-100">
      <span className="size-2 shrink-0 animate-pulse rounded-full bg-sky-600 motion-reduce:animate-none" aria-hidden="true" />
      <span>
        After a restart, replication figures are catching up: they are <strong>{behindText(data.behindSeconds ?? 0)}</strong> behind real time.
        Failovers, tests and tagged checkpoints can start once they are current.
      </span>
    </div>
  );
}
