import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { CancelRequestButton } from '@/components/staff/cancel-request-button';
import { CommentForm } from '@/components/staff/comment-form';
import { CommentThread } from '@/components/staff/comment-thread';
import { RequestHeaderBadges } from '@/components/staff/request-summary';
import { RequestFacts } from '@/components/staff/request-facts';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/policy';
import { requireActor } from '@/lib/auth/current-actor';
import { simDate } from '@/lib/domain/core/clock';
import { getServiceRequest } from '@/lib/domain/staff/service-requests';
import { cancelRequestAction, clientCommentAction } from '../actions';
import { orNotFound } from '@/app/_lib/or-not-found';

export const metadata: Metadata = { title: 'Service request' };

export default async function ClientRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/requests/${id}`);
  const now = await simDate();
  const request = await orNotFound(() => getServiceRequest(getDb(), actor, id, now));
  const admin = can(actor.role, 'request:create');
  const active = request.status === 'open' || request.status === 'in-progress';
  return (
    <>
      <PageHeader
        title={request.title}
        breadcrumbs={[{ label: 'Service requests', href: '/requests' }, { label: request.id }]}
        meta={<RequestHeaderBadges request={request} now={now} />}
        actions={admin && active ? <CancelRequestButton cancel={cancelRequestAction.bind(null, request.id)} /> : undefined}
      />
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-3">
        <Card className="self-start lg:col-span-1">
          <CardHeader title="Request" />
          <CardBody className="space-y-4 py-4">
            <p className="whitespace-pre-wrap text-sm text-slate-800 dark:text-slate-200">{request.description}</p>
            <RequestFacts request={request} />
          </CardBody>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader title="Conversation with the provider" />
          <CommentThread comments={request.comments} />
          {admin && (
            <CardBody className="border-t border-slate-200 py-4 dark:border-slate-800">
              <CommentForm action={clientCommentAction.bind(null, request.id)} />
            </CardBody>
          )}
        </Card>
      </div>
    </>
  );
}
