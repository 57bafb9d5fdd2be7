import { expect, test as setup } from '@playwright/test';
import { signIn } from './support/sign-in';
import { DEMO_USERS, storageStateFor, type DemoUserKey } from './support/users';

// Signs each demo user in once; other specs start signed in with
// `test.use({ storageState: storageStateFor('acmeAdmin') })`.
for (const key of Object.keys(DEMO_USERS) as DemoUserKey[]) {
  const user = DEMO_USERS[key];
  setup(`sign in as ${user.email}`, async ({ page }) => {
    await signIn(page, user.email);
    await expect(page).toHaveURL(user.role === 'staff' ? /\/staff$/ : /\/$/);
    await page.context().storageState({ path: storageStateFor(key) });
  });
}
