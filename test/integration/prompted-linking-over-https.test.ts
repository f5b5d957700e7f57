import { describe, expect, it } from "vitest";
import {
  appCallback,
  appTokens,
  CookieClient,
  database,
  email,
  janeDatabase,
  notNowUrl,
  promptClientId,
  promptedTenant,
  recordLinkingLines,
  signInThroughOkta,
  signInToDatabase,
} from "./support/prompted-tenant";

describe("prompted linking over HTTPS through the local tenant's login side", () => {
  it("links-an-okta-login-into-the-database-account-the-person-signs-in-to", async () => {
    const tenant = await promptedTenant();
    const lines = recordLinkingLines(tenant);
    const browser = new CookieClient();

    const nestedPage = await signInThroughOkta(tenant, browser);
    expect(nestedPage.url).toMatch(new RegExp(`^${tenant.api.origin}/login/`));
    expect(nestedPage.body).toContain(`data-connection="${database}"`);
    expect(nestedPage.body).toContain(`value="${email}"`);
    expect(nestedPage.body).not.toContain('data-connection="acme-okta"');

    const callback = await signInToDatabase(browser, nestedPage);
    expect(new URL(callback.location ?? "").searchParams.get("state")).toBe("app-state");
    expect((await appTokens(tenant, callback)).sub).toBe(janeDatabase.user_id);

    const primary = tenant.state.getUser(janeDatabase.user_id);
    expect(primary?.identities.map((identity) => identity.provider)).toEqual(["auth0", "okta"]);
    expect(tenant.state.getUser("okta|okta-jane")).toBeUndefined();
    expect(primary?.user_metadata).toEqual({ theme: "dark" });
    expect(lines.map((line) => [line.outcome, line.reason])).toEqual([
      ["prompted", "prompted"],
      ["skipped", "prompt_transaction"],
      ["linked", "linked_after_sign_in"],
    ]);
  });

  it("keeps-two-accounts-when-the-person-says-not-now-and-does-not-ask-again", async () => {
    const tenant = await promptedTenant();
    const lines = recordLinkingLines(tenant);
    const browser = new CookieClient();

    const nestedPage = await signInThroughOkta(tenant, browser);
    const callback = await browser.follow(notNowUrl(nestedPage), appCallback);
    expect((await appTokens(tenant, callback)).sub).toBe("okta|okta-jane");
    expect(tenant.state.getUser(janeDatabase.user_id)?.identities).toHaveLength(1);
    expect(
      tenant.state.getUser("okta|okta-jane")?.app_metadata.account_linking_prompt,
    ).toMatchObject({ v: 1, reason: "person_declined" });

    const again = await signInThroughOkta(tenant, new CookieClient());
    expect(again.location?.startsWith(appCallback)).toBe(true);
    expect(lines.map((line) => [line.outcome, line.reason, line.prompt])).toEqual([
      ["prompted", "prompted", undefined],
      ["declined", "person_declined", undefined],
      ["skipped", "untrusted_connection", "prompt_snoozed"],
    ]);
  });

  it("sends-the-nested-sign-in-with-the-prompt-client-and-pkce", async () => {
    const tenant = await promptedTenant();
    const browser = new CookieClient();
    const oktaPage = await browser.follow(
      new URL(
        `/authorize?${new URLSearchParams({
          client_id: "LocalLoginApplication0000000000",
          response_type: "code",
          redirect_uri: appCallback,
          scope: "openid",
          connection: "acme-okta",
          state: "app-state",
        })}`,
        tenant.api.origin,
      ).toString(),
    );
    const form = /<form method="post" action="([^"]+)" data-connection="acme-okta"/.exec(
      oktaPage.body,
    )?.[1];
    const hop = await browser.request(new URL(form ?? "", oktaPage.url).toString(), {
      form: { connection: "acme-okta", user_id: "okta-jane", email, email_verified: "true" },
    });
    const redirect = new URL(hop.location ?? "");
    expect(redirect.origin + redirect.pathname).toBe(`${tenant.api.origin}/authorize`);
    expect(redirect.searchParams.get("client_id")).toBe(promptClientId);
    expect(redirect.searchParams.get("code_challenge_method")).toBe("S256");
    expect(redirect.searchParams.get("state")).toBeTruthy();
  });
});
