import { describe, expect, it } from "vitest";
import {
  appCallback,
  appTokens,
  CookieClient,
  database,
  janeDatabase,
  promptedTenant,
  providerSignInRedirect,
  recordLinkingLines,
  signInToDatabase,
} from "./support/prompted-tenant";

// Google verifies addresses, so a Google login with Jane's address links into her database
// account automatically. With AUTOMATIC_LINKING=off the tenant asks, as the Account Link
// Extension did, that every link be proven by a sign-in to the other account.
const googleJane = { connection: "google-oauth2", userId: "104857362910473829104" };

async function googleLogin(settings: Record<string, string>) {
  const tenant = await promptedTenant([janeDatabase], settings);
  const lines = recordLinkingLines(tenant);
  const browser = new CookieClient();
  const redirect = await providerSignInRedirect(tenant, browser, googleJane);
  return { tenant, lines, browser, redirect };
}

describe("AUTOMATIC_LINKING=off", () => {
  it("offers-the-sign-in-instead-of-linking-and-links-once-the-person-signs-in", async () => {
    const { tenant, lines, browser, redirect } = await googleLogin({ AUTOMATIC_LINKING: "off" });
    expect(tenant.state.getUser(janeDatabase.user_id)?.identities).toHaveLength(1);
    expect(lines.at(-1)).toMatchObject({ outcome: "prompted" });
    const nestedPage = await browser.follow(redirect.location ?? "", appCallback);
    expect(nestedPage.body).toContain(`data-connection="${database}"`);

    const callback = await signInToDatabase(browser, nestedPage);
    expect((await appTokens(tenant, callback)).sub).toBe(janeDatabase.user_id);
    expect(
      tenant.state.getUser(janeDatabase.user_id)?.identities.map(({ provider }) => provider),
    ).toEqual(["auth0", "google-oauth2"]);
    expect(lines.at(-1)).toMatchObject({ outcome: "linked", reason: "linked_after_sign_in" });
  });

  it("control: with automatic linking on, the same login links without asking", async () => {
    const { tenant, lines, browser, redirect } = await googleLogin({});
    const callback = await browser.follow(redirect.location ?? "", appCallback);
    expect((await appTokens(tenant, callback)).sub).toBe(janeDatabase.user_id);
    expect(tenant.state.getUser(janeDatabase.user_id)?.identities).toHaveLength(2);
    expect(lines.map(({ outcome }) => outcome)).toEqual(["linked"]);
  });
});
