import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { BackupNowButton } from '@/components/staff/backup-now-button';
import { BackupSettingsCard, BackupsCard, RunningBackup } from '@/components/staff/backups-card';
import { PageHeader } from '@/components/ui/page-header';
import { listBackups } from '@/lib/domain/backups/service';
import { staffActor } from '../_lib/staff-actor';
import { backUpNowAction } from './actions';

export const metadata: Metadata = { title: 'Backups' };

/** Backups of the portal's own database (one machine, SQLite): the list, back up now, and the settings. */
export default async function BackupsPage() {
  const backups = listBackups(getDb(), await staffActor());
  return (
    <>
      <PageHeader
        title="Backups"
        description={backups.unavailable ?? "Online copies of the portal's own database: tenants, users, groups, operations and the audit trail. The portal keeps serving while one is taken."}
        actions={<BackupNowButton backUp={backUpNowAction} disabled={!!backups.unavailable} />}
      />
      {backups.running && <RunningBackup running={backups.running} />}
      <BackupsCard items={backups.items} now={new Date()} />
      <BackupSettingsCard settings={backups.settings} />
    </>
  );
}
