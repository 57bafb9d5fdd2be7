import Link from 'next/link';
import type { ReactNode, SelectHTMLAttributes } from 'react';
import { Button, buttonClasses } from './button';
import { cn } from './cn';
import { Input, Select } from './field';

/*
 * The filter row above a list: small labelled controls side by side. Lists that filter in the
 * browser use FilterBar; lists whose filters live in the URL (and work without JavaScript, and
 * feed a CSV link) use FilterForm, a plain GET form.
 */

const ROW = 'flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800';

export function FilterBar({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div role="search" aria-label={label} className={cn(ROW, className)}>
      {children}
    </div>
  );
}

/** A GET form to `action` with Apply, an optional CSV download of the same filters, and Reset. */
export function FilterForm({ label, action, csv, children, className }: { label: string; action: string; csv?: { href: string; label: string }; children: ReactNode; className?: string }) {
  return (
    <form method="get" action={action} aria-label={label} className={cn(ROW, className)}>
      {children}
      <Button type="submit">Apply</Button>
      {csv && (
        <a href={csv.href} className={buttonClasses({ variant: 'ghost' })} download>
          {csv.label}
        </a>
      )}
      <Link href={action} className={buttonClasses({ variant: 'ghost' })}>
        Reset
      </Link>
    </form>
  );
}

/** One labelled control of a filter row; `width` is a Tailwind width class. */
export function FilterField({ id, label, width, children }: { id: string; label: string; width: string; children: ReactNode }) {
  return (
    <div className={width}>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400">
        {label}
      </label>
      {children}
    </div>
  );
}

type Option = { value: string; label: string };

/** A labelled select whose first option ("All …", value "") means no filter. */
export function FilterSelect({ id, label, width, all, options, ...select }: { id: string; label: string; width: string; all?: string; options: Option[] } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FilterField id={id} label={label} width={width}>
      <Select id={id} {...select}>
        {all && <option value="">{all}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </FilterField>
  );
}

/** From and To dates of a GET filter form (names `from` and `to`). */
export function FilterDates({ idPrefix, value }: { idPrefix: string; value: { from: string; to: string } }) {
  return (
    <>
      <FilterField id={`${idPrefix}-from`} label="From" width="w-40">
        <Input id={`${idPrefix}-from`} name="from" type="date" defaultValue={value.from} />
      </FilterField>
      <FilterField id={`${idPrefix}-to`} label="To" width="w-40">
        <Input id={`${idPrefix}-to`} name="to" type="date" defaultValue={value.to} />
      </FilterField>
    </>
  );
}
