import { apiRoute, created } from '@/lib/api/handler';
import { createToken, listTokens } from '@/lib/domain/accounts/tokens';

/** `?scope=tenant` lets a client_admin see the tokens of their tenant's users. */
export const GET = apiRoute(async ({ req, db, actor }) =>
  listTokens(db, actor, { scope: req.nextUrl.searchParams.get('scope') === 'tenant' ? 'tenant' : 'own' }),
);

/** The plaintext `token` is in this answer only. */
export const POST = apiRoute(async ({ db, actor, json }) => created(createToken(db, actor, await json())));
