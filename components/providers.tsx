'use client';

import { isServer, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { config as zodConfig } from 'zod/v4/core';
import { ToastProvider } from './ui/toast';

// Zod probes once for eval (new Function) to speed up object parsing; the portal's CSP has no
// 'unsafe-eval' (lib/server/csp.ts), so in the browser the probe only fails and gets reported
// as a violation. Never probe there.
if (typeof window !== 'undefined') zodConfig({ jitless: true });

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Status pages poll on their own schedule; 5 s keeps navigation from refetching what
        // was fetched a moment ago without letting replication figures go stale.
        staleTime: 5_000,
        refetchOnWindowFocus: true,
        retry: 1,
      },
    },
  });
}

let browserClient: QueryClient | undefined;

/** One client per browser tab (cache survives navigation); a fresh one per server render. */
function getQueryClient() {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}

export function Providers({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
}
