import type { Role } from '@/lib/schemas/users';
import { Badge } from '@/components/ui/badge';

export const ROLE_LABEL: Record<Role, string> = {
  client_admin: 'Client admin',
  user: 'User',
  staff: 'Provider staff',
};

/** Who the person is in this portal; roles are not statuses, so they use the neutral/info tones. */
export function RoleBadge({ role }: { role: Role }) {
  return (
    <Badge tone={role === 'user' ? 'neutral' : 'info'} className="font-medium" title={`Role: ${ROLE_LABEL[role]}`}>
      <span data-testid="role-badge">{ROLE_LABEL[role]}</span>
    </Badge>
  );
}
