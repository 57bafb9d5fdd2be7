import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { rpoSeries } from '@/lib/domain/replication/rpo';

export const GET = apiRoute<{ id: string }>(async ({ db, actor, params, req }) => rpoSeries(db, actor, params.id, queryOf(req)));
