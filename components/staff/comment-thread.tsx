import { Badge } from '@/components/ui/badge';
import { formatDateTime } from '@/lib/format';
import type { ServiceRequestCommentDto } from '@/lib/domain/staff/dto';

/** The conversation on a request, oldest first; provider replies are marked. */
export function CommentThread({ comments }: { comments: ServiceRequestCommentDto[] }) {
  if (!comments.length) return <p className="px-4 py-3 text-sm text-slate-500">No comments yet.</p>;
  return (
    <ol className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="comment-thread">
      {comments.map((c) => (
        <li key={c.id} className="px-4 py-3">
          <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
            <span className="font-medium text-slate-800 dark:text-slate-200">{c.authorEmail}</span>
            {c.byStaff && <Badge tone="info">Provider</Badge>}
            <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
          </div>
          <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800 dark:text-slate-200">{c.body}</p>
        </li>
      ))}
    </ol>
  );
}
