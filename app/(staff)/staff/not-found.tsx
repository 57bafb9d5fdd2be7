import { NotFoundPanel } from '@/components/shell/not-found-panel';

export default function StaffNotFound() {
  return <NotFoundPanel homeHref="/staff" homeLabel="Back to the overview" />;
}
