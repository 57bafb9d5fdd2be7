import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

/**
 * A 404 inside the shell (unknown id, or another tenant's: indistinguishable on purpose), so
 * the navigation stays at hand.
 */
export function NotFoundPanel({ homeHref, homeLabel }: { homeHref: string; homeLabel: string }) {
  return (
    <EmptyState
      className="min-h-[50dvh]"
      icon="info"
      headingLevel={1}
      title="Not found"
      description="This page or item does not exist, or you do not have access to it."
      action={
        <Link href={homeHref} className={buttonClasses({ variant: 'secondary' })}>
          {homeLabel}
        </Link>
      }
    />
  );
}
