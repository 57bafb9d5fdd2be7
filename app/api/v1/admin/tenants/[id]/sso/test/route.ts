import { apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { testSsoConnection } from '@/lib/domain/sso/config';

type Params = { id: string };

/** Test connection: fetch the issuer's discovery document and check it names that issuer. */
export const POST = apiRoute<Params>(async (ctx) => testSsoConnection(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx)));
