import Link from 'next/link';
import type { GroupDto } from '@/lib/domain/dto';
import { Button, buttonClasses } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/field';

type Filters = { groupId: string; result: string; from: string; to: string };
const label = 'mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400';

/** A plain GET form: the filters live in the URL, which the CSV link reuses. Works without JavaScript. */
export function EvidenceFilters({ groups, value, csvHref }: { groups: GroupDto[]; value: Filters; csvHref: string }) {
  return (
    <form method="get" action="/reports" className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3 print:hidden dark:border-slate-800" aria-label="Filter test evidence">
      <div className="w-52">
        <label htmlFor="ev-group" className={label}>
          Protection group
        </label>
        <Select id="ev-group" name="groupId" defaultValue={value.groupId}>
          <option value="">All groups</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </Select>
      </div>
      <div className="w-36">
        <label htmlFor="ev-result" className={label}>
          Result
        </label>
        <Select id="ev-result" name="result" defaultValue={value.result}>
          <option value="">Any result</option>
          <option value="passed">Passed</option>
          <option value="failed">Failed</option>
        </Select>
      </div>
      <div className="w-40">
        <label htmlFor="ev-from" className={label}>
          From
        </label>
        <Input id="ev-from" name="from" type="date" defaultValue={value.from} />
      </div>
      <div className="w-40">
        <label htmlFor="ev-to" className={label}>
          To
        </label>
        <Input id="ev-to" name="to" type="date" defaultValue={value.to} />
      </div>
      <Button type="submit">Apply</Button>
      <a href={csvHref} className={buttonClasses({ variant: 'ghost' })} download>
        Download CSV
      </a>
      <Link href="/reports" className={buttonClasses({ variant: 'ghost' })}>
        Reset
      </Link>
    </form>
  );
}
