import { getDb } from '@/db';
import type { Actor } from '@/lib/domain/actor';
import { listAlerts } from '@/lib/domain/alerts';
import { simNow } from '@/lib/domain/clock';
import { listGroups } from '@/lib/domain/groups';
import { listSites } from '@/lib/domain/sites';
import { monthlySla } from '@/lib/domain/sla';
import { listUpcomingMaintenance } from '@/lib/domain/staff/maintenance';
import { listVms } from '@/lib/domain/vms';
import { can } from '@/lib/auth/policy';
import { AlertsCard } from '@/components/portal/dashboard/alerts-card';
import { AvailabilityCard } from '@/components/portal/dashboard/availability-card';
import { HealthCard } from '@/components/portal/dashboard/health-card';
import { ProtectionHeadline } from '@/components/portal/dashboard/protection-headline';
import { RpoTargetsCard } from '@/components/portal/dashboard/rpo-targets-card';
import { SitesCard } from '@/components/portal/dashboard/sites-card';
import { UpcomingMaintenance } from '@/components/staff/upcoming-maintenance';
import { TestComplianceCard } from '@/components/portal/dashboard/test-compliance-card';

/*
 * The dashboard's widgets: each reads its own data on the server (so it streams in behind its
 * own <Suspense>) and hands it to a client card that keeps it live by polling the REST API.
 */

export async function HeadlineWidget({ actor }: { actor: Actor }) {
  const db = getDb();
  const [groups, sites] = await Promise.all([listGroups(db, actor), listSites(db, actor)]);
  return <ProtectionHeadline initialGroups={groups} initialSites={sites} canCreate={can(actor.role, 'group:write')} />;
}

export async function HealthWidget({ actor }: { actor: Actor }) {
  const db = getDb();
  const [groups, vms] = await Promise.all([listGroups(db, actor), listVms(db, actor, { protected: true })]);
  return <HealthCard initialGroups={groups} protectedGb={vms.reduce((n, v) => n + v.diskGb, 0)} />;
}

export async function RpoWidget({ actor }: { actor: Actor }) {
  return <RpoTargetsCard initialGroups={await listGroups(getDb(), actor)} />;
}

export async function AlertsWidget({ actor }: { actor: Actor }) {
  return <AlertsCard initialAlerts={await listAlerts(getDb(), actor, { status: 'open', limit: 200 })} />;
}

export async function SitesWidget({ actor }: { actor: Actor }) {
  const db = getDb();
  const [groups, sites] = await Promise.all([listGroups(db, actor), listSites(db, actor)]);
  return <SitesCard initialGroups={groups} initialSites={sites} />;
}

export async function TestsWidget({ actor }: { actor: Actor }) {
  const [groups, now] = await Promise.all([listGroups(getDb(), actor), simNow()]);
  return <TestComplianceCard initialGroups={groups} nowMs={now} />;
}

export async function AvailabilityWidget({ actor }: { actor: Actor }) {
  return <AvailabilityCard initial={await monthlySla(getDb(), actor)} />;
}

/** The provider's planned windows touching this tenant's sites; nothing when none is planned. */
export async function MaintenanceWidget({ actor }: { actor: Actor }) {
  const nowMs = await simNow();
  const now = new Date(nowMs);
  return <UpcomingMaintenance windows={await listUpcomingMaintenance(getDb(), actor, now)} now={now} />;
}
