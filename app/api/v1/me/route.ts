import { apiRoute } from '@/lib/api/handler';
import { getMe } from '@/lib/domain/accounts/me';

export const GET = apiRoute(async ({ db, actor }) => getMe(db, actor));
