'use client';

import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';

/**
 * Unexpected failures of a page. Shows the digest (the server logs the details against it)
 * but never the message, which could carry internals.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-md flex-col items-center justify-center px-6 text-center">
      <span className="rounded-full bg-red-100 p-2 text-red-700 dark:bg-red-500/15 dark:text-red-300">
        <Icon name="error" className="size-5" />
      </span>
      <h1 className="mt-3 text-xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        The page could not be shown. Try again; if it keeps failing, raise a service request and quote the reference.
      </p>
      {error.digest && <p className="mt-2 font-mono text-xs text-slate-500">Reference {error.digest}</p>}
      <Button variant="primary" className="mt-6" icon="refresh" onClick={reset}>
        Try again
      </Button>
    </main>
  );
}
