import { count } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { bootGroups, groupMembers, protectionGroups, storageVolumes, tenants, users, vdcs, vmAppChecks, vmDisks, vmNics, vms } from '@/db/schema';
import type { Priority } from '@/lib/schemas/groups';
import type { NetworkSettings } from '@/lib/schemas/network';
import type { Role } from '@/lib/schemas/users';
import { hashPassword } from '@/lib/auth/password';
import { defaultVdcName } from '@/lib/schemas/staff';
import { seedSites, siteNameOf } from './sites';
import { insertPastTests, type PastTest } from './test-history';

type VmSpec = {
  name: string; os: 'linux' | 'windows'; vcpus: number; memoryGb: number; disksGb: number[];
  writeMeanMBps: number; peakFactor?: number; peakHour?: number; agent?: boolean; continuous?: boolean; ip: string;
};
type GroupSpec = {
  id: string; name: string; description: string; source: string; target: string; priority: Priority;
  rpoTargetSeconds: number; rtoTargetMinutes: number; journalHistoryHours: number; journalLimitGb: number;
  /** Members as boot groups, in order; the delay is waited after each boot group. */
  plan: { name: string; delayAfterSeconds: number; vms: string[] }[];
  /** Hours before "now" the group was created; synced groups come with history. */
  createdHoursAgo: number; synced: boolean; lastTestedDaysAgo: number | null; reIpLive?: boolean;
  /** Earlier test failovers than the last one, for the evidence report: days ago, result, notes. */
  earlierTests?: { daysAgo: number; result: 'passed' | 'failed'; notes: string }[];
};
type TenantSpec = {
  id: string; slug: string; name: string; connection: 'portal' | 'vpn' | 'mpls' | 'p2p';
  externalMbps: number; interSiteMbps: number; /** production subnet and its re-IP target */ subnets: [string, string]; monthlyChargeCents: number; contact: [string, string, string];
  sites: { site: string; kind: 'production' | 'recovery'; ghz: number; memGb: number; storGb: number; iops: number }[];
  vmSite: Record<string, string>; vms: VmSpec[]; groups: GroupSpec[]; users: { email: string; name: string; role: Role }[];
};

const linux = (name: string, ip: string, mean: number, disks: number[], extra: Partial<VmSpec> = {}): VmSpec =>
  ({ name, os: 'linux', vcpus: 2, memoryGb: 8, disksGb: disks, writeMeanMBps: mean, ip, ...extra });
const windows = (name: string, ip: string, mean: number, disks: number[], extra: Partial<VmSpec> = {}): VmSpec =>
  ({ name, os: 'windows', vcpus: 4, memoryGb: 16, disksGb: disks, writeMeanMBps: mean, ip, ...extra });

const keepIp = (network: string): NetworkSettings => ({ mode: 'keep-ip', network, mappings: [] });
const reIp = (network: string, source: string, target: string): NetworkSettings => ({
  mode: 're-ip',
  network,
  mappings: [{ sourceSubnet: source, targetSubnet: target, gateway: target.replace(/0\/\d+$/, '1'), dns: [target.replace(/0\/\d+$/, '10')] }],
});

export const DEMO_TENANTS: TenantSpec[] = [
  {
    id: 'ten_acme', slug: 'acme', name: 'Acme Insurance', connection: 'vpn', externalMbps: 500, interSiteMbps: 200, subnets: ['10.10.0.0/16', '10.110.0.0/16'],
    monthlyChargeCents: 1_250_000, contact: ['Dana Whitfield', 'dr@acme.test', '+44 20 7946 0100'],
    sites: [
      { site: 'london', kind: 'production', ghz: 120, memGb: 512, storGb: 12_000, iops: 20_000 },
      { site: 'jersey', kind: 'production', ghz: 40, memGb: 160, storGb: 8_000, iops: 8_000 },
      { site: 'zurich', kind: 'recovery', ghz: 60, memGb: 256, storGb: 8_000, iops: 10_000 },
      { site: 'jersey', kind: 'recovery', ghz: 64, memGb: 192, storGb: 6_000, iops: 8_000 },
      { site: 'guernsey', kind: 'recovery', ghz: 24, memGb: 96, storGb: 10_000, iops: 5_000 },
    ],
    vmSite: {
      'acme-web-01': 'london', 'acme-web-02': 'london', 'acme-app-01': 'london', 'acme-app-02': 'london',
      'acme-sql-01': 'london', 'acme-sql-02': 'london', 'acme-dc-01': 'london',
      'acme-file-01': 'jersey', 'acme-bkp-01': 'jersey', 'acme-jump-01': 'london', 'acme-test-01': 'london',
    },
    vms: [
      linux('acme-web-01', '10.10.1.11', 0.08, [60]),
      linux('acme-web-02', '10.10.1.12', 0.08, [60]),
      linux('acme-app-01', '10.10.2.21', 0.2, [120, 200]),
      linux('acme-app-02', '10.10.2.22', 0.2, [120, 200]),
      windows('acme-sql-01', '10.10.3.31', 0.9, [100, 800, 200], { agent: true, vcpus: 8, memoryGb: 64, peakFactor: 4, peakHour: 10 }),
      windows('acme-sql-02', '10.10.3.32', 0.6, [100, 800, 200], { agent: true, vcpus: 8, memoryGb: 64, peakFactor: 4, peakHour: 10 }),
      windows('acme-dc-01', '10.10.0.5', 0.05, [80], { agent: true, vcpus: 2, memoryGb: 8 }),
      windows('acme-file-01', '10.20.1.40', 0.4, [100, 1500]),
      windows('acme-bkp-01', '10.20.1.50', 8, [100, 2000], { continuous: true, peakFactor: 5, peakHour: 1 }),
      linux('acme-jump-01', '10.10.0.9', 0.02, [40]),
      linux('acme-test-01', '10.10.9.10', 0.05, [60]),
    ],
    groups: [
      {
        id: 'grp_acme_web', name: 'Customer web tier', description: 'Public quote site and its application servers',
        source: 'london', target: 'zurich', priority: 'medium', rpoTargetSeconds: 300, rtoTargetMinutes: 30,
        journalHistoryHours: 24, journalLimitGb: 400, createdHoursAgo: 24 * 40, synced: true, lastTestedDaysAgo: 95, reIpLive: true,
        plan: [
          { name: 'Application servers', delayAfterSeconds: 60, vms: ['acme-app-01', 'acme-app-02'] },
          { name: 'Web servers', delayAfterSeconds: 0, vms: ['acme-web-01', 'acme-web-02'] },
        ],
      },
      {
        id: 'grp_acme_sql', name: 'Policy database', description: 'SQL Server cluster and domain controller (app-consistent)',
        source: 'london', target: 'jersey', priority: 'high', rpoTargetSeconds: 300, rtoTargetMinutes: 60,
        journalHistoryHours: 48, journalLimitGb: 1500, createdHoursAgo: 24 * 200, synced: true, lastTestedDaysAgo: 410,
        plan: [
          { name: 'Directory', delayAfterSeconds: 120, vms: ['acme-dc-01'] },
          { name: 'Database', delayAfterSeconds: 0, vms: ['acme-sql-01', 'acme-sql-02'] },
        ],
      },
      {
        id: 'grp_acme_file', name: 'File and backup', description: 'File server and the nightly backup server',
        source: 'jersey', target: 'guernsey', priority: 'low', rpoTargetSeconds: 600, rtoTargetMinutes: 240,
        journalHistoryHours: 72, journalLimitGb: 300, createdHoursAgo: 24 * 20, synced: true, lastTestedDaysAgo: null,
        plan: [{ name: 'All', delayAfterSeconds: 0, vms: ['acme-file-01', 'acme-bkp-01'] }],
      },
    ],
    users: [
      { email: 'admin@acme.test', name: 'Dana Whitfield', role: 'client_admin' },
      { email: 'user@acme.test', name: 'Sam Okafor', role: 'user' },
      // A second administrator: who decides when Dana is away (and, later, who approves her failovers).
      { email: 'admin2@acme.test', name: 'Marcus Lindqvist', role: 'client_admin' },
    ],
  },
  {
    id: 'ten_globex', slug: 'globex', name: 'Globex Logistics', connection: 'mpls', externalMbps: 1000, interSiteMbps: 400, subnets: ['172.18.0.0/16', '10.218.0.0/16'],
    monthlyChargeCents: 2_100_000, contact: ['Priya Raman', 'it-ops@globex.test', '+1 416 555 0142'],
    sites: [
      { site: 'toronto', kind: 'production', ghz: 80, memGb: 320, storGb: 10_000, iops: 15_000 },
      { site: 'singapore', kind: 'production', ghz: 40, memGb: 128, storGb: 4_000, iops: 8_000 },
      { site: 'bermuda', kind: 'production', ghz: 32, memGb: 128, storGb: 6_000, iops: 6_000 },
      { site: 'vancouver', kind: 'recovery', ghz: 60, memGb: 256, storGb: 10_000, iops: 12_000 },
      { site: 'london', kind: 'recovery', ghz: 30, memGb: 128, storGb: 4_000, iops: 6_000 },
      { site: 'toronto', kind: 'recovery', ghz: 48, memGb: 128, storGb: 6_000, iops: 6_000 },
    ],
    vmSite: {
      'globex-erp-app-01': 'toronto', 'globex-erp-db-01': 'toronto', 'globex-dc-01': 'toronto',
      'globex-web-01': 'singapore', 'globex-web-02': 'singapore', 'globex-web-03': 'singapore',
      'globex-etl-01': 'bermuda', 'globex-dev-01': 'toronto',
    },
    vms: [
      windows('globex-erp-app-01', '172.16.4.21', 0.3, [100, 300], { vcpus: 8, memoryGb: 32 }),
      linux('globex-erp-db-01', '172.16.4.31', 1.2, [100, 1200], { vcpus: 8, memoryGb: 64, peakFactor: 3.5, peakHour: 15 }),
      windows('globex-dc-01', '172.16.0.5', 0.05, [80]),
      linux('globex-web-01', '172.18.1.11', 0.06, [50]),
      linux('globex-web-02', '172.18.1.12', 0.06, [50]),
      linux('globex-web-03', '172.18.1.13', 0.06, [50]),
      linux('globex-etl-01', '172.19.2.40', 0.5, [200, 1800], { vcpus: 16, memoryGb: 64 }),
      linux('globex-dev-01', '172.16.9.10', 0.05, [80]),
    ],
    groups: [
      {
        id: 'grp_globex_erp', name: 'ERP', description: 'ERP application, database and directory',
        source: 'toronto', target: 'vancouver', priority: 'high', rpoTargetSeconds: 300, rtoTargetMinutes: 60,
        journalHistoryHours: 48, journalLimitGb: 2000, createdHoursAgo: 24 * 300, synced: true, lastTestedDaysAgo: 30,
        earlierTests: [
          { daysAgo: 240, result: 'passed', notes: 'Annual test; ERP login and a test shipment booked at Vancouver.' },
          { daysAgo: 44, result: 'failed', notes: 'ERP app server started before the database was ready; boot delay raised to 90 s and retested.' },
        ],
        plan: [
          { name: 'Directory', delayAfterSeconds: 60, vms: ['globex-dc-01'] },
          { name: 'Database', delayAfterSeconds: 90, vms: ['globex-erp-db-01'] },
          { name: 'Application', delayAfterSeconds: 0, vms: ['globex-erp-app-01'] },
        ],
      },
      {
        id: 'grp_globex_web', name: 'Customer portal', description: 'Shipment tracking web farm',
        source: 'singapore', target: 'london', priority: 'medium', rpoTargetSeconds: 900, rtoTargetMinutes: 30,
        journalHistoryHours: 24, journalLimitGb: 200, createdHoursAgo: 24 * 60, synced: true, lastTestedDaysAgo: 200, reIpLive: true,
        plan: [{ name: 'Web servers', delayAfterSeconds: 0, vms: ['globex-web-01', 'globex-web-02', 'globex-web-03'] }],
      },
      {
        id: 'grp_globex_analytics', name: 'Analytics', description: 'Nightly ETL; protection added this week',
        source: 'bermuda', target: 'toronto', priority: 'low', rpoTargetSeconds: 900, rtoTargetMinutes: 240,
        journalHistoryHours: 24, journalLimitGb: 500, createdHoursAgo: 0.2, synced: false, lastTestedDaysAgo: null,
        plan: [{ name: 'ETL', delayAfterSeconds: 0, vms: ['globex-etl-01'] }],
      },
    ],
    users: [
      { email: 'admin@globex.test', name: 'Priya Raman', role: 'client_admin' },
      { email: 'user@globex.test', name: 'Tom Becker', role: 'user' },
    ],
  },
];

export const STAFF_USERS = [{ email: 'staff@calligo.test', name: 'Morgan Le Cornu', role: 'staff' as const }];

const HOUR = 3600_000;

const vmId = (name: string) => `vm_${name.replaceAll('-', '_')}`;
const userId = (email: string, slug: string) => `usr_${email.split('@')[0]}_${slug}`;
/** Simulated boot time: Windows boots slower; varied per VM so boot groups differ. */
const bootSecondsOf = (vm: VmSpec, i: number) => (vm.os === 'windows' ? 90 + ((i * 37) % 120) : 35 + ((i * 23) % 60));

/** Seeds the demo tenants into an empty database. Returns false when data already exists. */
export async function seedDemo(db: DB, { password, now = new Date() }: { password: string; now?: Date }): Promise<boolean> {
  const [{ n }] = db.select({ n: count() }).from(tenants).all();
  if (n > 0) return false;
  const passwordHash = await hashPassword(password);
  const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);
  const pastTests: PastTest[] = [];

  db.transaction((tx) => {
    seedSites(tx);
    for (const u of STAFF_USERS) {
      tx.insert(users).values({ id: `usr_${u.email.split('@')[0]}_calligo`, tenantId: null, email: u.email, name: u.name, role: u.role, passwordHash, createdAt: ago(24 * 400) }).run();
    }
    for (const t of DEMO_TENANTS) {
      tx.insert(tenants).values({
        id: t.id, slug: t.slug, name: t.name, connection: t.connection, externalBandwidthMbps: t.externalMbps,
        interSiteBandwidthMbps: t.interSiteMbps, monthlyChargeCents: t.monthlyChargeCents,
        contactName: t.contact[0], contactEmail: t.contact[1], contactPhone: t.contact[2], createdAt: ago(24 * 400),
      }).run();
      for (const v of t.sites) {
        tx.insert(vdcs).values({
          id: `vdc_${t.slug}_${v.site}_${v.kind}`, tenantId: t.id, siteId: v.site, kind: v.kind,
          name: defaultVdcName(t.name, v.kind, siteNameOf(v.site)), vcpuGhz: v.ghz, memoryGb: v.memGb, storageGb: v.storGb, guaranteedIops: v.iops,
        }).run();
      }
      for (const site of new Set(t.sites.map((s) => s.site))) {
        const onSite = t.sites.filter((s) => s.site === site);
        tx.insert(storageVolumes).values({
          id: `vol_${t.slug}_${site}`, tenantId: t.id, siteId: site, name: `${t.slug}-${site}-ssd01`,
          sizeGb: onSite.reduce((a, s) => a + s.storGb, 0), guaranteedIops: onSite.reduce((a, s) => a + s.iops, 0),
        }).run();
      }
      for (const u of t.users) {
        tx.insert(users).values({ id: `usr_${u.email.split('@')[0]}_${t.slug}`, tenantId: t.id, email: u.email, name: u.name, role: u.role, passwordHash, createdAt: ago(24 * 300) }).run();
      }
      for (const [i, vm] of t.vms.entries()) {
        const id = `vm_${vm.name.replaceAll('-', '_')}`;
        tx.insert(vms).values({
          id, tenantId: t.id, siteId: t.vmSite[vm.name], name: vm.name, os: vm.os, vcpus: vm.vcpus, cpuGhz: vm.vcpus * 2.4,
          memoryGb: vm.memoryGb, agentInstalled: vm.agent ?? false, writeMeanMBps: vm.writeMeanMBps,
          writePeakFactor: vm.peakFactor ?? 3, writePeakHourUtc: vm.peakHour ?? 14, burstiness: vm.continuous ? 0.05 : 0.25,
          continuousWriter: vm.continuous ?? false, bootSeconds: bootSecondsOf(vm, i),
          createdAt: ago(24 * 400),
        }).run();
        demoAppChecks(vm.name).forEach((c, k) => tx.insert(vmAppChecks).values({ id: `chk_${id}_${k}`, tenantId: t.id, vmId: id, ...c, createdAt: ago(24 * 400) }).run());
        vm.disksGb.forEach((size, d) => tx.insert(vmDisks).values({ id: `${id}_disk${d}`, vmId: id, label: `Hard disk ${d + 1}`, sizeGb: size }).run());
        tx.insert(vmNics).values({
          id: `${id}_nic0`, vmId: id, network: 'prod', ipAddress: vm.ip,
          macAddress: `00:50:56:${(i + 16).toString(16).padStart(2, '0')}:${t.slug.length.toString(16).padStart(2, '0')}:${(i * 7 + 1).toString(16).padStart(2, '0')}`,
        }).run();
      }
      for (const g of t.groups) {
        const created = ago(g.createdHoursAgo);
        tx.insert(protectionGroups).values({
          id: g.id, tenantId: t.id, name: g.name, description: g.description, sourceSiteId: g.source, targetSiteId: g.target,
          priority: g.priority, rpoTargetSeconds: g.rpoTargetSeconds, rtoTargetMinutes: g.rtoTargetMinutes,
          journalHistoryHours: g.journalHistoryHours, journalLimitGb: g.journalLimitGb,
          testNetwork: { mode: 'keep-ip', network: 'dr-test-isolated', mappings: [] },
          liveNetwork: g.reIpLive ? reIp('dr-prod', t.subnets[0], t.subnets[1]) : keepIp('prod'),
          status: g.synced ? 'meeting-sla' : 'initialising', lastTestedAt: g.lastTestedDaysAgo === null ? null : ago(24 * g.lastTestedDaysAgo),
          createdAt: created, updatedAt: created,
        }).run();
        const admin = t.users.find((u) => u.role === 'client_admin')!;
        const plan = g.plan.map((bg) => ({
          name: bg.name, delayAfterSeconds: bg.delayAfterSeconds,
          vms: bg.vms.map((name) => ({ id: vmId(name), name, bootSeconds: bootSecondsOf(t.vms.find((v) => v.name === name)!, t.vms.findIndex((v) => v.name === name)) })),
        }));
        const tests = [
          ...(g.earlierTests ?? []),
          ...(g.lastTestedDaysAgo === null ? [] : [{ daysAgo: g.lastTestedDaysAgo, result: 'passed' as const, notes: 'All applications answered; test VMs reachable on the isolated network.' }]),
        ];
        for (const [n, test] of tests.entries()) {
          const verifyMinutes = 25 + ((n * 17) % 30);
          pastTests.push({
            tenantId: t.id, groupId: g.id, plan, testNetwork: 'dr-test-isolated',
            fromSiteId: g.source, toSiteId: g.target, fromSiteName: siteNameOf(g.source), toSiteName: siteNameOf(g.target),
            startedAt: ago(24 * test.daysAgo + verifyMinutes / 60 + 0.1), verifyMinutes, dataLossSeconds: 6 + ((n * 5) % 9),
            result: test.result, notes: test.notes, startedBy: { id: userId(admin.email, t.slug), email: admin.email },
          });
        }
        g.plan.forEach((bg, position) => {
          const bootGroupId = `${g.id}_bg${position + 1}`;
          tx.insert(bootGroups).values({ id: bootGroupId, groupId: g.id, position, name: bg.name, delayAfterSeconds: bg.delayAfterSeconds }).run();
          for (const vmName of bg.vms) {
            tx.insert(groupMembers).values({
              groupId: g.id, vmId: `vm_${vmName.replaceAll('-', '_')}`, bootGroupId,
              syncState: g.synced ? 'synced' : 'syncing', syncProgress: g.synced ? 1 : 0, addedAt: created,
            }).run();
          }
        });
      }
    }
    insertPastTests(tx, pastTests);
  });
  return true;
}

type DemoCheck = Pick<typeof vmAppChecks.$inferInsert, 'kind' | 'name' | 'params'>;

/** Application checks a scheduled drill runs on the test copy of each demo VM, by the VM's role (from its name). */
function demoAppChecks(name: string): DemoCheck[] {
  const heartbeat: DemoCheck = { kind: 'heartbeat', name: 'Guest heartbeat', params: {} };
  const tcp = (port: number, what: string): DemoCheck => ({ kind: 'tcp-port', name: what, params: { port } });
  if (/-web-/.test(name)) return [heartbeat, { kind: 'http-status', name: 'Health page', params: { url: 'https://localhost/health', expectStatus: 200 } }];
  if (/-app-/.test(name)) return [heartbeat, tcp(8443, 'Application port')];
  if (/-sql-|-db-/.test(name)) return [heartbeat, tcp(1433, 'SQL Server port'), { kind: 'script-exit-code', name: 'Database consistency', params: { script: 'check-db.ps1', expectExitCode: 0 } }];
  if (/-dc-/.test(name)) return [heartbeat, tcp(389, 'LDAP')];
  if (/-file-/.test(name)) return [heartbeat, tcp(445, 'SMB shares')];
  return [heartbeat];
}
