import Link from 'next/link';
import { Button, buttonClasses } from '@/components/ui/button';
import { Input } from '@/components/ui/field';

const label = 'mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400';

/** Common action families, offered as suggestions; any exact action or dotted prefix works. */
const ACTIONS = ['group', 'operation', 'checkpoint', 'alert', 'token', 'auth', 'request'];

export function AuditFilters({ value, csvHref }: { value: { action: string; from: string; to: string }; csvHref: string }) {
  return (
    <form method="get" action="/audit" className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800" aria-label="Filter the audit log">
      <div className="w-56">
        <label htmlFor="audit-action" className={label}>
          Action (or prefix, e.g. group)
        </label>
        <Input id="audit-action" name="action" list="audit-actions" defaultValue={value.action} />
        <datalist id="audit-actions">
          {ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <div className="w-40">
        <label htmlFor="audit-from" className={label}>
          From
        </label>
        <Input id="audit-from" name="from" type="date" defaultValue={value.from} />
      </div>
      <div className="w-40">
        <label htmlFor="audit-to" className={label}>
          To
        </label>
        <Input id="audit-to" name="to" type="date" defaultValue={value.to} />
      </div>
      <Button type="submit">Apply</Button>
      <a href={csvHref} className={buttonClasses({ variant: 'ghost' })} download>
        Export CSV
      </a>
      <Link href="/audit" className={buttonClasses({ variant: 'ghost' })}>
        Reset
      </Link>
    </form>
  );
}
