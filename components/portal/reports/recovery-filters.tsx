import type { GroupDto } from '@/lib/domain/core/dto';
import { OPERATION_TYPES } from '@/lib/schemas/operations';
import type { RecoveryReportQuery } from '@/lib/schemas/reports';
import { OPERATION_TYPE_LABEL } from '@/components/operations/labels';
import { FilterDates, FilterForm, FilterSelect } from '@/components/ui/filter-bar';

/** A plain GET form: the filters live in the URL, which the CSV link reuses. Works without JavaScript. */
export function RecoveryFilters({ groups, value, csvHref }: { groups: Pick<GroupDto, 'id' | 'name'>[]; value: RecoveryReportQuery; csvHref: string }) {
  return (
    <FilterForm label="Filter the recovery report" action="/reports" csv={{ href: csvHref, label: 'Download CSV' }} className="print:hidden">
      <FilterSelect
        id="rr-type"
        name="type"
        label="Type"
        width="w-40"
        all="All operations"
        options={OPERATION_TYPES.map((t) => ({ value: t, label: OPERATION_TYPE_LABEL[t] }))}
        defaultValue={value.type ?? ''}
      />
      <FilterSelect id="rr-group" name="groupId" label="Protection group" width="w-52" all="All groups" options={groups.map((g) => ({ value: g.id, label: g.name }))} defaultValue={value.groupId ?? ''} />
      <FilterSelect
        id="rr-result"
        name="result"
        label="Result"
        width="w-44"
        all="Any result"
        options={[
          { value: 'passed', label: 'Passed or completed' },
          { value: 'failed', label: 'Failed' },
        ]}
        defaultValue={value.result ?? ''}
      />
      <FilterDates idPrefix="rr" value={{ from: value.from ?? '', to: value.to ?? '' }} />
    </FilterForm>
  );
}
