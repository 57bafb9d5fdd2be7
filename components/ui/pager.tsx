'use client';

import { useState } from 'react';
import { Button } from './button';

/** Rows a long list shows at once: a page of a 1,000-VM tenant renders in milliseconds, all of it did not. */
export const PAGE_SIZE = 50;

export type PageOf<T> = { items: T[]; page: number; pages: number; from: number; to: number; total: number; setPage: (page: number) => void };

/**
 * One page of `items`, back to the first page whenever `resetKey` changes (new filters), the
 * way React recommends adjusting state to a prop (during render, not in an effect).
 */
export function usePage<T>(items: T[], resetKey: string, size = PAGE_SIZE): PageOf<T> {
  const [state, setState] = useState({ page: 0, key: resetKey });
  if (state.key !== resetKey) setState({ page: 0, key: resetKey });
  return { ...slicePage(items, state.key === resetKey ? state.page : 0, size), setPage: (p) => setState({ page: p, key: resetKey }) };
}

/** Page `page` (from 0, clamped to the last page when the list shrank) of `items`. */
export function slicePage<T>(items: T[], page: number, size = PAGE_SIZE): Omit<PageOf<T>, 'setPage'> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Math.max(0, Math.min(page, pages - 1));
  return { items: items.slice(p * size, (p + 1) * size), page: p, pages, from: items.length ? p * size + 1 : 0, to: Math.min(items.length, (p + 1) * size), total: items.length };
}

/** Previous / next under a paged list; nothing when everything fits on one page. */
export function Pager<T>({ page, label }: { page: PageOf<T>; label: string }) {
  if (page.pages <= 1) return null;
  return (
    <nav aria-label={label} className="flex items-center justify-end gap-2 border-t border-slate-200 px-4 py-2 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
      <span className="mr-auto tabular-nums">
        {page.from}–{page.to} of {page.total}
      </span>
      <Button size="sm" variant="ghost" disabled={page.page === 0} onClick={() => page.setPage(page.page - 1)}>
        Previous
      </Button>
      <span className="tabular-nums">
        Page {page.page + 1} of {page.pages}
      </span>
      <Button size="sm" variant="ghost" disabled={page.page >= page.pages - 1} onClick={() => page.setPage(page.page + 1)}>
        Next
      </Button>
    </nav>
  );
}
