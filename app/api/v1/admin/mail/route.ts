import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { listSentMail } from '@/lib/domain/notifications/sent-mail';

/** The offline mailer's messages, newest first (`?limit=1..200`, default 50). Staff only. */
export const GET = apiRoute(async ({ db, actor, req }) => listSentMail(db, actor, queryOf(req)));
