'use client';

import { useQuery } from '@tanstack/react-query';
import type { DashboardDto } from '@/lib/domain/reports/dashboard';
import type { AlertDto, GroupDetailDto, GroupDto, SiteDto, VmDto } from '@/lib/domain/core/dto';
import type { OperationDto } from '@/lib/domain/operations/operation-dto';
import { useFallbackInterval } from '@/components/live/live-store';
import { apiJson, qs } from './api';

/** How often live status refreshed before the live stream (DESIGN "Real-time"); the bench's polling baseline. */
export const LIVE_MS = 5_000;

type Items<T> = { items: T[] };

export const portalKeys = {
  groups: ['groups'] as const,
  group: (id: string) => ['groups', id] as const,
  sites: ['sites'] as const,
  alerts: (status: string) => ['alerts', status] as const,
  vms: ['vms'] as const,
  openOperations: ['operations', 'recent'] as const,
  dashboard: ['dashboard'] as const,
};

/**
 * Each hook starts from what the server rendered (`initial`) so the first paint has data and no
 * spinner, then refetches when the live stream (components/live) says its data changed, so the
 * page follows replication without a reload; it polls slowly only while the stream is down.
 */
export function useGroups(initial?: GroupDto[]) {
  const refetchInterval = useFallbackInterval();
  return useQuery({
    queryKey: portalKeys.groups,
    queryFn: ({ signal }) => apiJson<Items<GroupDto>>('/api/v1/groups', { signal }).then((r) => r.items),
    initialData: initial,
    refetchInterval,
  });
}

export function useGroup(id: string, initial?: GroupDetailDto) {
  const refetchInterval = useFallbackInterval();
  return useQuery({
    queryKey: portalKeys.group(id),
    queryFn: ({ signal }) => apiJson<GroupDetailDto>(`/api/v1/groups/${encodeURIComponent(id)}`, { signal }),
    initialData: initial,
    refetchInterval,
  });
}

export function useSites(initial?: SiteDto[]) {
  const refetchInterval = useFallbackInterval();
  return useQuery({
    queryKey: portalKeys.sites,
    queryFn: ({ signal }) => apiJson<Items<SiteDto>>('/api/v1/sites', { signal }).then((r) => r.items),
    initialData: initial,
    refetchInterval,
  });
}

export function useAlerts(status: 'open' | 'resolved' | 'all', initial?: AlertDto[]) {
  const refetchInterval = useFallbackInterval();
  return useQuery({
    queryKey: portalKeys.alerts(status),
    queryFn: ({ signal }) => apiJson<Items<AlertDto>>(`/api/v1/alerts${qs({ status, limit: 200 })}`, { signal }).then((r) => r.items),
    initialData: initial,
    refetchInterval,
  });
}

export function useVms(initial?: VmDto[]) {
  const refetchInterval = useFallbackInterval();
  return useQuery({
    queryKey: portalKeys.vms,
    queryFn: ({ signal }) => apiJson<Items<VmDto>>('/api/v1/vms', { signal }).then((r) => r.items),
    initialData: initial,
    refetchInterval,
  });
}

/** Recent operations: the list shows the running one of each group with its progress. */
export function useRecentOperations(initial?: OperationDto[]) {
  const refetchInterval = useFallbackInterval();
  return useQuery({
    queryKey: portalKeys.openOperations,
    queryFn: ({ signal }) => apiJson<Items<OperationDto>>(`/api/v1/operations${qs({ limit: 50 })}`, { signal }).then((r) => r.items),
    initialData: initial,
    refetchInterval,
  });
}

/** The dashboard's summary (a few KB whatever the tenant's size), refreshed with live status. */
export function useDashboard(initial: DashboardDto) {
  const refetchInterval = useFallbackInterval();
  return useQuery({
    queryKey: portalKeys.dashboard,
    queryFn: ({ signal }) => apiJson<DashboardDto>('/api/v1/dashboard', { signal }),
    initialData: initial,
    refetchInterval,
  });
}
