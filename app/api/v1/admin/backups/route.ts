import { apiRoute, created } from '@/lib/api/handler';
import { backUpNow, listBackups } from '@/lib/domain/backups/service';

/** The portal database's backups in BACKUP_DIR, newest first, the one running and the settings. Staff only. */
export const GET = apiRoute(async ({ db, actor }) => listBackups(db, actor));

/** Back up now: written, verified and listed before the answer (201); 409 while another backup runs. Staff only. */
export const POST = apiRoute(async ({ db, actor }) => created(await backUpNow(db, actor)));
