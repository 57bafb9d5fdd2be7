import { startActingFor } from '@/app/(staff)/staff/act-for-actions';
import { buttonClasses } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';

/** Opens the tenant's portal on its behalf (a plain form: a server action sets the cookie). */
export function ActForButton({ tenantId }: { tenantId: string }) {
  return (
    <form action={startActingFor.bind(null, tenantId)}>
      <button type="submit" className={buttonClasses({ variant: 'secondary' })} data-testid="act-for-tenant">
        <Icon name="switch" className="size-4" />
        Open portal as this tenant
      </button>
    </form>
  );
}
