import 'server-only';
import { asc } from 'drizzle-orm';
import type { DB } from '@/db';
import { tenants } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { authorize } from '@/lib/domain/core/authorize';
import { simDate } from '@/lib/domain/core/clock';
import { monthlySla } from '@/lib/domain/reports/sla';
import { parseInput } from '@/lib/domain/core/validate';
import { adminSlaQuerySchema } from '@/lib/schemas/staff';

export type TenantSlaRow = {
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  month: string;
  uptimePercent: number;
  downtimeMinutes: number;
  maintenanceMinutes: number;
  creditPercent: number;
  monthlyChargeCents: number;
  /** creditPercent of the monthly charge, in minor units. */
  creditCents: number;
  currency: string;
  periodStart: string;
  periodEnd: string;
};

export type StaffSlaReport = { month: string; targetPercent: number; rows: TenantSlaRow[]; totalCreditCents: Record<string, number> };

/**
 * Every tenant's month: measured availability (faults at its sites and links, maintenance
 * excluded, computed by lib/domain/sla) and the service credit against its monthly charge.
 */
export async function slaReport(db: DB, actor: Actor, query: unknown = {}): Promise<StaffSlaReport> {
  authorize(db, actor, 'sla:all', { type: 'sla-report' });
  const { month } = parseInput(adminSlaQuerySchema, query);
  const all = db.select().from(tenants).orderBy(asc(tenants.name)).all();
  const rows: TenantSlaRow[] = [];
  for (const t of all) {
    const sla = await monthlySla(db, actor, { month, tenantId: t.id });
    rows.push({
      tenantId: t.id,
      tenantName: t.name,
      tenantSlug: t.slug,
      month: sla.month,
      uptimePercent: sla.uptimePercent,
      downtimeMinutes: sla.downtimeMinutes,
      maintenanceMinutes: sla.maintenanceMinutes,
      creditPercent: sla.creditPercent,
      monthlyChargeCents: t.monthlyChargeCents,
      creditCents: Math.round((t.monthlyChargeCents * sla.creditPercent) / 100),
      currency: t.currency,
      periodStart: sla.periodStart,
      periodEnd: sla.periodEnd,
    });
  }
  const totalCreditCents: Record<string, number> = {};
  for (const r of rows) totalCreditCents[r.currency] = (totalCreditCents[r.currency] ?? 0) + r.creditCents;
  const resolvedMonth = rows[0]?.month ?? month ?? (await simDate()).toISOString().slice(0, 7);
  return { month: resolvedMonth, targetPercent: 99.9, rows, totalCreditCents };
}

const CSV_COLUMNS: (keyof TenantSlaRow)[] = [
  'month', 'tenantSlug', 'tenantName', 'uptimePercent', 'downtimeMinutes', 'maintenanceMinutes',
  'creditPercent', 'monthlyChargeCents', 'creditCents', 'currency', 'periodStart', 'periodEnd',
];

/** RFC 4180 field: quoted when it holds a comma, quote or newline; a leading =+-@ is defused
 * so a spreadsheet never runs a tenant name as a formula. */
function csvField(value: unknown): string {
  let text = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function slaReportCsv(report: StaffSlaReport): string {
  const lines = [CSV_COLUMNS.join(','), ...report.rows.map((r) => CSV_COLUMNS.map((c) => csvField(r[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
