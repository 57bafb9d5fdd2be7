import { expect, test } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { signIn } from './support/sign-in';
import { DEMO_USERS, storageStateFor } from './support/users';

const ROLE_LABEL = { client_admin: 'Client admin', user: 'User', staff: 'Provider staff' } as const;

test.describe('signing in', () => {
  for (const user of Object.values(DEMO_USERS)) {
    test(`${user.email} lands in the right shell`, async ({ page }) => {
      await signIn(page, user.email);
      const banner = page.getByRole('banner');
      if (user.tenant) {
        await expect(page).toHaveURL(/\/$/);
        await expect(page.getByTestId('tenant-name')).toContainText(user.tenant);
        await expect(page.getByRole('navigation', { name: 'Client portal' })).toBeVisible();
        // Audit log is offered to client admins only.
        await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(user.role === 'client_admin' ? 1 : 0);
      } else {
        await expect(page).toHaveURL(/\/staff$/);
        await expect(page.getByTestId('staff-context')).toBeVisible();
        await expect(page.getByRole('navigation', { name: 'Provider console' })).toBeVisible();
      }
      await expect(banner.getByTestId('role-badge')).toHaveText(ROLE_LABEL[user.role]);
    });
  }

  test('a wrong password is refused with a message', async ({ page }) => {
    await signIn(page, DEMO_USERS.globexAdmin.email, 'not-the-password');
    await expect(page.getByTestId('login-error')).toContainText(/incorrect/i);
    await expect(page).toHaveURL(/\/login/);
  });

  test('signing out ends the session', async ({ page }) => {
    await signIn(page, DEMO_USERS.acmeUser.email);
    await expect(page.getByTestId('tenant-name')).toBeVisible();
    await page.getByTestId('sign-out').click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/groups');
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe('anonymous visitors', () => {
  for (const path of ['/', '/groups', '/staff']) {
    test(`${path} sends them to the sign-in page`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(/\/login/);
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    });
  }
});

test.describe('boundaries between the shells', () => {
  test.describe('as a client user', () => {
    test.use({ storageState: storageStateFor('acmeUser') });

    test('the provider console is not reachable', async ({ page }) => {
      const response = await page.goto('/staff');
      await expect(page.getByTestId('staff-context')).toHaveCount(0);
      const refused = response?.status() === 404 || response?.status() === 403 || !/\/staff/.test(page.url());
      expect(refused, `GET /staff answered ${response?.status()} at ${page.url()}`).toBe(true);
    });
  });

  test.describe('as provider staff', () => {
    test.use({ storageState: storageStateFor('staff') });

    test('a portal page without a tenant leads to the provider console', async ({ page }) => {
      await page.goto('/groups');
      await expect(page).toHaveURL(/\/staff$/);
      await expect(page.getByTestId('staff-context')).toBeVisible();
    });
  });
});

test.describe('accessibility', () => {
  test('the sign-in page has no serious or critical violations', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test.describe('signed in', () => {
    test.use({ storageState: storageStateFor('acmeAdmin') });

    test('the dashboard shell has no serious or critical violations', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByTestId('tenant-name')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
});
