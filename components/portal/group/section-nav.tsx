/** In-page links to the sections of a long detail page. */
export function SectionNav({ items }: { items: { href: string; label: string }[] }) {
  return (
    <nav aria-label="Sections of this page" className="mb-4 flex flex-wrap gap-1 border-b border-slate-200 pb-2 text-sm dark:border-slate-800">
      {items.map((i) => (
        <a
          key={i.href}
          href={i.href}
          className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100"
        >
          {i.label}
        </a>
      ))}
    </nav>
  );
}
