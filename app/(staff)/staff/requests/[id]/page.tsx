import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { CommentForm } from '@/components/staff/comment-form';
import { CommentThread } from '@/components/staff/comment-thread';
import { RequestHeaderBadges } from '@/components/staff/request-summary';
import { RequestFacts } from '@/components/staff/request-facts';
import { RequestWorkPanel } from '@/components/staff/request-work-panel';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { simDate } from '@/lib/domain/core/clock';
import { listAssignableStaff } from '@/lib/domain/staff/service-request-update';
import { getServiceRequest } from '@/lib/domain/staff/service-requests';
import { staffActor } from '../../_lib/staff-actor';
import { staffCommentAction, updateRequestAction } from '../actions';
import { orNotFound } from '@/app/_lib/or-not-found';

export const metadata: Metadata = { title: 'Service request' };

export default async function StaffRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = getDb();
  const actor = await staffActor();
  const now = await simDate();
  const request = await orNotFound(() => getServiceRequest(db, actor, id, now));
  return (
    <>
      <PageHeader
        title={request.title}
        breadcrumbs={[{ label: 'Service requests', href: '/staff/requests' }, { label: request.id }]}
        meta={<RequestHeaderBadges request={request} now={now} />}
      />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-3">
        <div className="space-y-5 xl:col-span-2">
          <Card>
            <CardHeader title="Request" />
            <CardBody className="space-y-4 py-4">
              <p className="whitespace-pre-wrap text-sm text-slate-800 dark:text-slate-200">{request.description}</p>
              <RequestFacts request={request} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Conversation" description="Visible to the client." />
            <CommentThread comments={request.comments} />
            <CardBody className="border-t border-slate-200 py-4 dark:border-slate-800">
              <CommentForm action={staffCommentAction.bind(null, request.id)} />
            </CardBody>
          </Card>
        </div>
        <Card className="self-start">
          <CardHeader title="Work this request" />
          <CardBody className="py-4">
            <RequestWorkPanel request={request} staff={listAssignableStaff(db, actor)} meId={actor.userId} action={updateRequestAction.bind(null, request.id)} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
