import type { AuditEntryDto } from '@/lib/domain/core/dto';

type ActorFields = Pick<AuditEntryDto, 'actorId' | 'actorEmail' | 'actorRole'>;

/** Who acted, in words: a person's email, "System" for the engine and timers, or nobody signed in. */
export function auditActor(e: ActorFields): string {
  if (e.actorRole === 'system') return 'System';
  return e.actorEmail ?? (e.actorId ? e.actorId : 'Not signed in');
}

const ROLE: Record<NonNullable<AuditEntryDto['actorRole']>, string> = {
  user: 'user',
  client_admin: 'client admin',
  staff: 'provider staff',
  'staff:acting-for-tenant': 'provider staff, acting for the tenant',
  system: 'automatic, by the portal',
};

/** The actor's role in words; empty for nobody signed in. */
export const auditRole = (e: ActorFields): string => (e.actorRole ? ROLE[e.actorRole] : '');
