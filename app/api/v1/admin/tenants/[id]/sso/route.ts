import { apiRoute, noContent } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { deleteSsoConfig, getSsoSettings, putSsoConfig } from '@/lib/domain/sso/config';

type Params = { id: string };

/** The tenant's single sign-on configuration (null until set) and its possible break-glass administrators. */
export const GET = apiRoute<Params>(async ({ db, actor, params }) => getSsoSettings(db, actor, params.id));

/** Create or replace it (the client secret may be left out to keep the stored one). */
export const PUT = apiRoute<Params>(async (ctx) => putSsoConfig(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx)));

/** Remove it: users of its domains sign in with passwords again. */
export const DELETE = apiRoute<Params>(async ({ db, actor, params }) => {
  deleteSsoConfig(db, actor, params.id);
  return noContent();
});
