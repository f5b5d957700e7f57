import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type BrowserStory, startBrowserStory } from "../../src/local-tenant/browser/browser-story";
import {
  signedInSubject,
  signInWithPassword,
  signInWithProvider,
} from "../../src/local-tenant/browser/sign-in";
import type { StoredUser } from "../../src/local-tenant/tenant-state";
import { database, demoSeedWith, jane } from "../local-tenant/login-side/support/seed";

// Prompted linking as a person meets it, in headless Chromium: the application starts a login,
// the person signs in through Okta (a connection the tenant does not trust for email), is sent to
// sign in to the database account with the address pre-filled, and comes back through /continue.

const promptClientId = "PromptLinkingClient0000000000005";
const john: StoredUser = {
  ...jane,
  user_id: "auth0|john",
  email: "john@example.com",
  identities: [{ provider: "auth0", user_id: "john", connection: database, isSocial: false }],
};

let story: BrowserStory;

beforeAll(async () => {
  const seed = await demoSeedWith([jane, john]);
  story = await startBrowserStory({
    seed,
    settings: {
      PROMPTED_LINKING: "on",
      PROMPT_CLIENT_ID: promptClientId,
      PROMPT_CLIENT_SECRET:
        seed.clients.find((client) => client.client_id === promptClientId)?.client_secret ?? "",
    },
  });
}, 60_000);

afterAll(() => story?.close());

async function signInThroughOkta(page: Page, userId: string, email: string): Promise<void> {
  await page.goto(story.app.loginUrl({ connection: "acme-okta" }));
  await signInWithProvider(page, { connection: "acme-okta", userId, email, emailVerified: true });
}

it("links-the-okta-login-after-the-person-signs-in-to-the-database-account", async () => {
  const page = await story.newPage();
  await signInThroughOkta(page, "okta-jane", "jane@example.com");
  // Sent to the database account's sign-in only, the address pre-filled.
  expect(await page.locator("form[data-connection]").count()).toBe(1);
  expect(await page.inputValue(`form[data-connection="${database}"] input[name="email"]`)).toBe(
    "jane@example.com",
  );
  expect(await page.locator('a[data-action="not-now"]').count()).toBe(1);

  await signInWithPassword(page, { password: "local-tenant-password" });
  expect(await signedInSubject(page)).toBe("auth0|jane");
  expect(story.tenant.state.getUser("auth0|jane")?.identities.map((i) => i.provider)).toEqual([
    "auth0",
    "okta",
  ]);
  expect(story.tenant.state.getUser("okta|okta-jane")).toBeUndefined();
}, 60_000);

it("keeps-two-accounts-when-the-person-chooses-not-now", async () => {
  // Another person, on a browser of their own: no session of Jane's.
  await story.browser.context.clearCookies();
  const page = await story.newPage();
  await signInThroughOkta(page, "okta-john", "john@example.com");
  await Promise.all([page.waitForNavigation(), page.locator('a[data-action="not-now"]').click()]);
  expect(await signedInSubject(page)).toBe("okta|okta-john");
  expect(story.tenant.state.getUser("auth0|john")?.identities).toHaveLength(1);
  expect(
    story.tenant.state.getUser("okta|okta-john")?.app_metadata.account_linking_prompt,
  ).toMatchObject({ reason: "person_declined" });
}, 60_000);
