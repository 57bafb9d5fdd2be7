import type { BackupDto, BackupList } from '@/lib/domain/backups/service';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ProgressBar } from '@/components/ui/progress';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatBytes, formatDateTime, formatRelative } from '@/lib/format';

function VerifiedBadge({ backup }: { backup: BackupDto }) {
  if (backup.verified === true) {
    return (
      <Badge tone="success" icon="check" title={backup.verifiedAt ? `Integrity check and migrations verified ${formatDateTime(backup.verifiedAt, { seconds: true })}` : undefined}>
        Verified
      </Badge>
    );
  }
  if (backup.verified === false) return <Badge tone="danger" icon="error">Failed verification</Badge>;
  return (
    <Badge tone="neutral" icon="info" title="No verification record beside the file (copied in by hand?). npm run db:restore verifies it before restoring.">
      Not verified
    </Badge>
  );
}

/** The backup running now (the schedule's or someone's "Back up now"), with the share copied. */
export function RunningBackup({ running }: { running: NonNullable<BackupList['running']> }) {
  return (
    <div className="mb-4 rounded-md bg-sky-50 px-4 py-3 text-sm text-sky-900 dark:bg-sky-500/10 dark:text-sky-200" data-testid="backup-running" role="status">
      <p className="mb-2 font-medium">
        Backup running ({running.trigger === 'schedule' ? 'scheduled' : `started by ${running.startedBy}`}), {running.percent}% copied
      </p>
      <ProgressBar value={running.percent / 100} label="Backup progress" />
    </div>
  );
}

/** The backups in BACKUP_DIR, newest first: file, size, age, how it was made, verified state. */
export function BackupsCard({ items, now }: { items: BackupDto[]; now: Date }) {
  return (
    <Card>
      <CardHeader title="Backups" description="Newest first. Each is a complete copy of the portal database, checked after writing." />
      {items.length === 0 ? (
        <EmptyState icon="inbox" title="No backups yet" description="Back up now, or wait for the schedule. Backups appear here once written and verified." />
      ) : (
        <Table caption="Backups of the portal database" data-testid="backups-table">
          <THead>
            <tr>
              <Th>File</Th>
              <Th>Taken</Th>
              <Th numeric>Size</Th>
              <Th>Made by</Th>
              <Th>Verified</Th>
            </tr>
          </THead>
          <TBody>
            {items.map((b) => (
              <Tr key={b.file} data-testid="backup-row" data-file={b.file}>
                <Td className="font-mono text-xs break-all">{b.file}</Td>
                <Td className="whitespace-nowrap">
                  <time dateTime={b.createdAt}>{formatRelative(b.createdAt, now)}</time>
                  <span className="block text-xs text-slate-500 dark:text-slate-400">{formatDateTime(b.createdAt, { seconds: true })}</span>
                </Td>
                <Td numeric className="whitespace-nowrap">{formatBytes(b.sizeBytes)}</Td>
                <Td className="whitespace-nowrap">{b.trigger === 'schedule' ? 'Schedule' : b.trigger === 'manual' ? 'Back up now' : '—'}</Td>
                <Td>
                  <VerifiedBadge backup={b} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}

/** Where backups go, when they run, how many are kept, and how to restore one. */
export function BackupSettingsCard({ settings }: { settings: BackupList['settings'] }) {
  const fact = 'text-xs font-medium text-slate-500 dark:text-slate-400';
  return (
    <Card className="mt-4">
      <CardHeader title="Schedule and retention" description="Set with BACKUP_DIR, BACKUP_SCHEDULE, BACKUP_KEEP and BACKUP_MAX_AGE_DAYS (README, Configuration)." />
      <CardBody>
        <dl className="grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
          <div>
            <dt className={fact}>Folder</dt>
            <dd className="font-mono text-xs break-all">{settings.dir}</dd>
          </div>
          <div>
            <dt className={fact}>Schedule (UTC)</dt>
            <dd>
              {settings.schedule === 'off' ? 'Off' : <code className="text-xs">{settings.schedule}</code>}
              {settings.nextRunAt && <span className="block text-xs text-slate-500 dark:text-slate-400">next {formatDateTime(settings.nextRunAt)}</span>}
            </dd>
          </div>
          <div>
            <dt className={fact}>Kept</dt>
            <dd>
              the newest {settings.keep}
              {settings.maxAgeDays > 0 ? `, none older than ${settings.maxAgeDays} days` : ''}
              <span className="block text-xs text-slate-500 dark:text-slate-400">the newest verified one always</span>
            </dd>
          </div>
          <div>
            <dt className={fact}>Restore (portal stopped)</dt>
            <dd>
              <code className="text-xs">npm run db:restore -- &lt;file&gt;</code>
            </dd>
          </div>
        </dl>
      </CardBody>
    </Card>
  );
}
