import { resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type BrowserStory, startBrowserStory } from "../../src/local-tenant/browser/browser-story";
import {
  signedInSubject,
  signInWithPassword,
  signInWithProvider,
} from "../../src/local-tenant/browser/sign-in";
import { database, demoSeedWith, jane } from "../local-tenant/login-side/support/seed";

// The harness the prompted story runs on: an Action redirects a SAML login to a nested sign-in
// of the database account, and the browser comes back through /continue. The Action here is a
// probe (test/local-tenant/login-side/fixtures/nested-action), not the prompted flow itself.

let story: BrowserStory;

beforeAll(async () => {
  story = await startBrowserStory({
    seed: await demoSeedWith([jane]),
    tenantYamlPath: resolve(
      import.meta.dirname,
      "../local-tenant/login-side/fixtures/nested-action/tenant.yaml",
    ),
  });
}, 60_000);

afterAll(() => story?.close());

it("follows-an-action's-redirect-to-a-nested-sign-in-and-back-through-continue", async () => {
  const page = await story.newPage();
  await page.goto(story.app.loginUrl({ connection: "partner-saml" }));
  await signInWithProvider(page, {
    connection: "partner-saml",
    userId: "jane-saml",
    email: "jane@example.com",
  });
  // The nested sign-in offers the database account only, the address pre-filled.
  expect(await page.locator("form[data-connection]").count()).toBe(1);
  expect(await page.inputValue(`form[data-connection="${database}"] input[name="email"]`)).toBe(
    "jane@example.com",
  );

  await signInWithPassword(page, { password: "local-tenant-password" });
  expect(await signedInSubject(page)).toBe("samlp|jane-saml");
  expect(story.tenant.state.getUser("samlp|jane-saml")?.app_metadata.nested).toMatchObject({
    sub: "auth0|jane",
    nonce_matches: true,
  });
}, 60_000);
