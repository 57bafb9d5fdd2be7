'use client';

// A client module although it has no state: the segments' loading UIs are part of every page's
// RSC payload (so a click shows them at once), and as client components they travel there as a
// reference with a few props instead of their whole markup.
import { cn } from './cn';

/** A loading placeholder; size it with classes (`h-4 w-32`). Hidden from assistive tech. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn('skeleton', className)} />;
}

/** A card-shaped placeholder for a dashboard widget streaming in behind <Suspense>. */
export function CardSkeleton({ rows = 3, className, label = 'Loading' }: { rows?: number; className?: string; label?: string }) {
  return (
    <div
      role="status"
      aria-label={label}
      className={cn('card p-4', className)}
    >
      <Skeleton className="mb-4 h-4 w-40" />
      <div className="space-y-2.5">
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} className={cn('h-3', i % 2 ? 'w-4/5' : 'w-full')} />
        ))}
      </div>
    </div>
  );
}

/** Placeholder rows for a table body. */
export function TableSkeleton({ rows = 5, columns = 4, label = 'Loading' }: { rows?: number; columns?: number; label?: string }) {
  return (
    <div role="status" aria-label={label} className="divide-y divide-slate-100 dark:divide-slate-800">
      {Array.from({ length: rows }, (_, r) => (
        <div key={r} className="flex gap-4 px-4 py-3">
          {Array.from({ length: columns }, (_, c) => (
            <Skeleton key={c} className={cn('h-3', c === 0 ? 'w-1/4' : 'flex-1')} />
          ))}
        </div>
      ))}
    </div>
  );
}
