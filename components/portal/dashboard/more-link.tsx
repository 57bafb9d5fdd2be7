import Link from 'next/link';

/**
 * A dashboard list shows the rows that need attention first and only a handful of them, so it
 * stays glanceable at 120 groups; this footer says how many there are in all and where they live.
 */
export function MoreLink({ shown, total, noun, href, label }: { shown: number; total: number; noun: string; href: string; label: string }) {
  if (total <= shown) return null;
  return (
    <footer className="flex items-center justify-between gap-3 border-t border-slate-200 px-4 py-2 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
      <span>
        {shown} of {total} {noun}
      </span>
      <Link prefetch={false} href={href} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
        {label}
      </Link>
    </footer>
  );
}
