import { Input } from '@/components/ui/field';
import { FilterDates, FilterField, FilterForm, FilterSelect } from '@/components/ui/filter-bar';

/** Common action families, offered as suggestions; any exact action or dotted prefix works. */
const ACTIONS = ['group', 'operation', 'checkpoint', 'alert', 'token', 'auth', 'service-request', 'site', 'link', 'maintenance', 'tenant', 'vdc'];

type Value = { action: string; targetId: string; from: string; to: string; tenantId: string };

/** The audit trail's filters; `tenants` (staff) adds a tenant choice to the service-wide trail. */
export function AuditFilters({ value, path, csvHref, tenants }: { value: Value; path: string; csvHref: string; tenants?: { value: string; label: string }[] }) {
  return (
    <FilterForm label="Filter the audit log" action={path} csv={{ href: csvHref, label: 'Export CSV' }}>
      {tenants && <FilterSelect id="audit-tenant" name="tenantId" label="Tenant" width="w-48" all="Whole service" options={tenants} defaultValue={value.tenantId} />}
      <FilterField id="audit-action" label="Action (or prefix, e.g. group)" width="w-56">
        <Input id="audit-action" name="action" list="audit-actions" defaultValue={value.action} />
        <datalist id="audit-actions">
          {ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </FilterField>
      <FilterField id="audit-target" label="Target id (a run, an operation…)" width="w-48">
        <Input id="audit-target" name="targetId" defaultValue={value.targetId} />
      </FilterField>
      <FilterDates idPrefix="audit" value={value} />
    </FilterForm>
  );
}
