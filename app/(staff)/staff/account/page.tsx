import type { Metadata } from 'next';
import { getDb } from '@/db';
import { PasswordCard } from '@/components/portal/settings/password-card';
import { TwoFactorCard } from '@/components/portal/settings/two-factor-card';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getMe } from '@/lib/domain/me';
import { formatDateTime } from '@/lib/format';
import { staffActor } from '../_lib/staff-actor';

export const metadata: Metadata = { title: 'Your account' };

/**
 * Provider staff hold the most powerful accounts of the service: their own password and second
 * factor live here (a tenant's Settings, while acting for it, are the tenant's).
 */
export default async function StaffAccountPage() {
  const actor = await staffActor();
  const me = getMe(getDb(), actor);
  return (
    <>
      <PageHeader title="Your account" description="Your password and second factor. Staff accounts can act for every tenant: turn two-factor authentication on." />
      <div className="space-y-4">
        <Card>
          <CardHeader title="Account" />
          <CardBody>
            <dl className="grid gap-4 text-sm sm:grid-cols-3">
              {[
                ['Name', me.name],
                ['Email', me.email],
                ['Last sign-in', formatDateTime(me.lastSignInAt)],
              ].map(([k, v]) => (
                <div key={k}>
                  <dt className="text-xs text-slate-500 dark:text-slate-400">{k}</dt>
                  <dd className="font-medium">{v}</dd>
                </div>
              ))}
            </dl>
          </CardBody>
        </Card>
        <PasswordCard />
        <TwoFactorCard enabled={me.totpEnabled} />
      </div>
    </>
  );
}
