import { apiRoute, noContent } from '@/lib/api/handler';
import { revokeToken } from '@/lib/domain/accounts/tokens';

export const DELETE = apiRoute<{ id: string }>(async ({ db, actor, params }) => {
  revokeToken(db, actor, params.id);
  return noContent();
});
