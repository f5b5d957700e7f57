import { afterAll, beforeAll, expect, it } from "vitest";
import { type BrowserStory, startBrowserStory } from "../../src/local-tenant/browser/browser-story";
import { signedInSubject, signInWithPassword } from "../../src/local-tenant/browser/sign-in";
import { database, demoSeedWith, jane } from "../local-tenant/login-side/support/seed";

// A real browser (Debian's Chromium) through the local tenant's login side: the application
// starts a login, the person signs in with a password, the application ends up holding an ID
// token for them. In CI this runs on every push; it is never skipped.

let story: BrowserStory;

beforeAll(async () => {
  story = await startBrowserStory({
    seed: await demoSeedWith([jane]),
    passwords: { "auth0|jane": "jane's password" },
  });
}, 60_000);

afterAll(() => story?.close());

it("signs-in-with-a-password-in-chromium-and-the-app-holds-an-id-token-whose-sub-is-that-user", async () => {
  const page = await story.newPage();
  await page.goto(story.app.loginUrl({ connection: database, login_hint: "jane@example.com" }));
  expect(new URL(page.url()).pathname).toMatch(/^\/login\//);
  expect(await page.inputValue(`form[data-connection="${database}"] input[name="email"]`)).toBe(
    "jane@example.com",
  );

  await signInWithPassword(page, { password: "wrong" });
  await expect(page.locator('[role="alert"]').textContent()).resolves.toBe(
    "Wrong email or password.",
  );

  await signInWithPassword(page, { password: "jane's password" });
  expect(await signedInSubject(page)).toBe("auth0|jane");
  expect(new URL(page.url()).origin).toBe(story.app.origin);
  expect(story.app.outcomes).toEqual([
    { ok: true, claims: expect.objectContaining({ sub: "auth0|jane", email: "jane@example.com" }) },
  ]);
}, 60_000);
