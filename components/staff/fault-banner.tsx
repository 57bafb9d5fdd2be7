import Link from 'next/link';
import { Icon } from '@/components/ui/icons';

type Props = { sites: { id: string; name: string }[]; linkIds: string[] };

/** Open staff-injected faults, impossible to miss and one click from bringing them back. */
export function FaultBanner({ sites, linkIds }: Props) {
  if (!sites.length && !linkIds.length) return null;
  return (
    <div
      data-testid="fault-banner"
      className="mb-5 flex flex-wrap items-center gap-x-4 gap-y-1 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-500/40 dark:bg-red-500/10 dark:text-red-200"
    >
      <Icon name="error" className="size-4 shrink-0" />
      <strong className="font-semibold">Faults in progress:</strong>
      {sites.map((s) => (
        <Link key={s.id} href={`/staff/sites/${s.id}`} className="underline underline-offset-2">
          {s.name} offline
        </Link>
      ))}
      {linkIds.map((id) => (
        <Link key={id} href={`/staff/sites/${id.split('--')[0]}#links`} className="underline underline-offset-2">
          link {id.replace('--', ' ↔ ')} down
        </Link>
      ))}
    </div>
  );
}
