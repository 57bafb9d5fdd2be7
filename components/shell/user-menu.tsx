import type { Role } from '@/lib/schemas/users';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { RoleBadge } from './role-badge';

/** Who is signed in, in what role, and the way out. */
export function UserMenu({ name, email, role }: { name: string; email: string; role: Role }) {
  return (
    <div className="flex shrink-0 items-center gap-3">
      <div className="hidden text-right leading-tight sm:block">
        <p className="text-sm font-medium" data-testid="user-name">
          {name}
        </p>
        <p className="text-xs text-slate-500 dark:text-slate-400">{email}</p>
      </div>
      <RoleBadge role={role} />
      <SignOutButton />
    </div>
  );
}
