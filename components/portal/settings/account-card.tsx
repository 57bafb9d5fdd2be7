import type { MeDto } from '@/lib/domain/accounts/me';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';

/** Who is signed in: name, email, organisation (client accounts) and last sign-in. */
export function AccountCard({ me }: { me: MeDto }) {
  const rows: [string, string][] = [['Name', me.name], ['Email', me.email], ...(me.role === 'staff' ? [] : ([['Organisation', me.tenant?.name ?? '—']] as [string, string][])), ['Last sign-in', formatDateTime(me.lastSignInAt)]];
  return (
    <Card>
      <CardHeader title="Your account" />
      <CardBody>
        <dl className="grid gap-4 text-sm sm:grid-cols-4">
          {rows.map(([k, v]) => (
            <div key={k}>
              <dt className="text-xs text-slate-500 dark:text-slate-400">{k}</dt>
              <dd className="font-medium">{v}</dd>
            </div>
          ))}
        </dl>
      </CardBody>
    </Card>
  );
}
