import Link from 'next/link';
import type { ServiceRequestDto } from '@/lib/domain/staff/dto';
import { PriorityBadge, RequestStatusBadge, ResponseDeadline } from './request-badges';
import { describeChange, KIND_LABEL } from './resource-change';

/** A request's title linking to it, with its kind and any resource change below. */
export function RequestTitleLink({ request, href }: { request: ServiceRequestDto; href: string }) {
  return (
    <>
      <Link href={href} className="font-medium text-slate-900 hover:underline dark:text-slate-100">
        {request.title}
      </Link>
      <span className="block text-xs text-slate-500">
        {KIND_LABEL[request.kind]}
        {request.change ? ` · ${describeChange(request.change)}` : ''}
      </span>
    </>
  );
}

/** Priority, status and first-response deadline, as a request's page header shows them. */
export function RequestHeaderBadges({ request, now }: { request: ServiceRequestDto; now: Date }) {
  return (
    <>
      <PriorityBadge priority={request.priority} />
      <RequestStatusBadge status={request.status} />
      <ResponseDeadline request={request} now={now} />
    </>
  );
}
