import { NotFoundPanel } from '@/components/shell/not-found-panel';

export default function PortalNotFound() {
  return <NotFoundPanel homeHref="/" homeLabel="Back to the dashboard" />;
}
