import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type BrowserStory, startBrowserStory } from "../../src/local-tenant/browser/browser-story";
import { launchChromium } from "../../src/local-tenant/browser/chromium";
import {
  signedInSubject,
  signInWithPassword,
  signInWithProvider,
} from "../../src/local-tenant/browser/sign-in";
import { recordLinkingLines } from "../../src/local-tenant/story/action-lines";
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

const mary: StoredUser = {
  ...jane,
  user_id: "auth0|mary",
  email: "mary@example.com",
  identities: [{ provider: "auth0", user_id: "mary", connection: database, isSocial: false }],
};

let story: BrowserStory;

beforeAll(async () => {
  const seed = await demoSeedWith([jane, john, mary]);
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

// The attacker signs in through Okta claiming Mary's address and is prompted; instead of signing
// in, they send Mary the page's address. Mary signs in to her own account in her own browser (its
// own context, its own user agent), and her browser comes back through /continue with the
// attacker's state. The control is the first case above: the prompted browser itself links.
it("links-nothing-when-the-sign-in-happens-in-another-browser-and-asks-again-next-time", async () => {
  const lines = recordLinkingLines(story.tenant);
  await story.browser.context.clearCookies();
  const attackersPage = await story.newPage();
  // What the attacker forwards: the nested /authorize address the Action sent their browser to.
  let forwarded: string | undefined;
  attackersPage.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/authorize" && url.searchParams.get("client_id") === promptClientId) {
      forwarded = request.url();
    }
  });
  await signInThroughOkta(attackersPage, "okta-mary", "mary@example.com");
  expect(await attackersPage.locator(`form[data-connection="${database}"]`).count()).toBe(1);
  expect(forwarded).toBeDefined();

  const marysBrowser = await launchChromium({
    trust: [{ origin: story.tenant.api.origin, caPem: story.tenant.api.caPem }],
    userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 Safari/605.1.15",
  });
  try {
    const marysPage = await marysBrowser.context.newPage();
    await marysPage.goto(forwarded ?? "");
    await signInWithPassword(marysPage, { password: "local-tenant-password" });
  } finally {
    await marysBrowser.close();
  }
  expect(lines.at(-1)).toMatchObject({
    outcome: "declined",
    reason: "browser_changed",
    detail: "user_agent",
    links: 0,
  });
  expect(story.tenant.state.getUser("auth0|mary")?.identities).toHaveLength(1);
  expect(story.tenant.state.getUser("okta|okta-mary")?.identities).toHaveLength(1);
  expect(story.tenant.state.getUser("okta|okta-mary")?.app_metadata).not.toHaveProperty(
    "account_linking_prompt",
  );

  // Not a decline: the attacker's (or the person's) next login is offered the sign-in again.
  await story.browser.context.clearCookies();
  const nextPage = await story.newPage();
  await signInThroughOkta(nextPage, "okta-mary", "mary@example.com");
  expect(await nextPage.locator(`form[data-connection="${database}"]`).count()).toBe(1);
}, 90_000);
