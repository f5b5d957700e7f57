import type { Page } from "playwright-core";

// What a person does on the local tenant's pages (src/local-tenant/login-side/sign-in-pages.ts)
// and what they see on the test application's, for browser tests and `npm start -- --browser`.

/** Types the password on the database sign-in page showing now (the email is pre-filled or given). */
export async function signInWithPassword(
  page: Page,
  credentials: { connection?: string; email?: string; password: string },
): Promise<void> {
  const form = page.locator(
    `form[data-connection="${credentials.connection ?? "Username-Password-Authentication"}"]`,
  );
  if (credentials.email !== undefined)
    await form.locator('input[name="email"]').fill(credentials.email);
  await form.locator('input[name="password"]').fill(credentials.password);
  await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
}

/** Signs in on a social or enterprise provider's stand-in page as the identity described. */
export async function signInWithProvider(
  page: Page,
  identity: { connection: string; userId: string; email?: string; emailVerified?: boolean },
): Promise<void> {
  const form = page.locator(`form[data-connection="${identity.connection}"][data-new-identity]`);
  await form.locator('input[name="user_id"]').fill(identity.userId);
  await form.locator('input[name="email"]').fill(identity.email ?? "");
  await form.locator('input[name="email_verified"]').setChecked(identity.emailVerified === true);
  await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
}

/** The `sub` of the ID token the test application received and verified. */
export async function signedInSubject(page: Page): Promise<string> {
  const sub = await page.locator("#sub").getAttribute("data-sub", { timeout: 15_000 });
  if (sub === null) throw new Error(`the application shows no signed-in user at ${page.url()}`);
  return sub;
}

/** The error the test application received at its callback, e.g. `access_denied`. */
export async function applicationError(page: Page): Promise<string | null> {
  return page.locator("#error").getAttribute("data-error", { timeout: 15_000 });
}
