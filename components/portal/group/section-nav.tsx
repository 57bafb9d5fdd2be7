/** In-page links to the sections of a long detail page. */
export function SectionNav({ items }: { items: { href: string; label: string }[] }) {
  return (
    <nav aria-label="Sections of this page" className="mb-4 flex flex-wrap gap-1 border-b border-slate-200 pb-2 text-sm dark:border-slate-800">
      {items.map((i) => (
        <a
          key={i.href}
          href={i.href}
          className="section-link"
        >
          {i.label}
        </a>
      ))}
    </nav>
  );
}
