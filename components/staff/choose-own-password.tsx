import { PasswordCard } from '@/components/portal/settings/password-card';
import { PageHeader } from '@/components/ui/page-header';

/**
 * What a staff member signed in with a one-time password sees instead of every console page:
 * the first administrator of a new installation, or someone whose password another staff
 * member reset. Changing it signs them out; they come back with their own.
 */
export function ChooseOwnPassword() {
  return (
    <div data-testid="choose-own-password">
      <PageHeader
        title="Choose your password"
        description="You signed in with a one-time password. Staff accounts can act for every tenant: replace it with a password only you know before you continue."
      />
      <PasswordCard />
    </div>
  );
}
