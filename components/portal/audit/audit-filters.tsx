import { Input } from '@/components/ui/field';
import { FilterDates, FilterField, FilterForm } from '@/components/ui/filter-bar';

/** Common action families, offered as suggestions; any exact action or dotted prefix works. */
const ACTIONS = ['group', 'operation', 'checkpoint', 'alert', 'token', 'auth', 'request'];

export function AuditFilters({ value, csvHref }: { value: { action: string; from: string; to: string }; csvHref: string }) {
  return (
    <FilterForm label="Filter the audit log" action="/audit" csv={{ href: csvHref, label: 'Export CSV' }}>
      <FilterField id="audit-action" label="Action (or prefix, e.g. group)" width="w-56">
        <Input id="audit-action" name="action" list="audit-actions" defaultValue={value.action} />
        <datalist id="audit-actions">
          {ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </FilterField>
      <FilterDates idPrefix="audit" value={value} />
    </FilterForm>
  );
}
