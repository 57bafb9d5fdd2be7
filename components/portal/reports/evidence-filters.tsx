import type { GroupDto } from '@/lib/domain/dto';
import { FilterDates, FilterForm, FilterSelect } from '@/components/ui/filter-bar';

type Filters = { groupId: string; result: string; from: string; to: string };

/** A plain GET form: the filters live in the URL, which the CSV link reuses. Works without JavaScript. */
export function EvidenceFilters({ groups, value, csvHref }: { groups: GroupDto[]; value: Filters; csvHref: string }) {
  return (
    <FilterForm label="Filter test evidence" action="/reports" csv={{ href: csvHref, label: 'Download CSV' }} className="print:hidden">
      <FilterSelect id="ev-group" name="groupId" label="Protection group" width="w-52" all="All groups" options={groups.map((g) => ({ value: g.id, label: g.name }))} defaultValue={value.groupId} />
      <FilterSelect
        id="ev-result"
        name="result"
        label="Result"
        width="w-36"
        all="Any result"
        options={[
          { value: 'passed', label: 'Passed' },
          { value: 'failed', label: 'Failed' },
        ]}
        defaultValue={value.result}
      />
      <FilterDates idPrefix="ev" value={value} />
    </FilterForm>
  );
}
