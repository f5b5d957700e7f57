import { describe, expect } from "vitest";
import {
  localOneTimeCode,
  wrongCodeMessage,
} from "../../../src/local-tenant/login-side/mfa-challenge";
import type { StoredUser } from "../../../src/local-tenant/tenant-state";
import {
  appCallback,
  appTokens,
  CookieClient,
  database,
  email,
  janeDatabase,
  password,
} from "../../integration/support/prompted-tenant";
import { formAction } from "../../local-tenant/login-side/support/cookie-client";
import {
  expectNotLinked,
  mfaChallengeAction,
  oktaUserId,
  promptedAuthorizeUrl,
  signInAt,
  startPromptScenario,
} from "../support/prompted-attack";
import { attackSuite } from "../support/recorder";

// The victim's database account has MFA enrolled; the attacker has its password (phished or
// reused) and signs in through Okta claiming its address, so is offered the database sign-in.
// A tenant whose MFA policy does not cover the prompt client, or whose MFA Action skips it, would
// let the password alone prove "ownership" and move the attacker's session onto the account. The
// Action requires the account's factor in the nested sign-in itself, and the continuation links
// only on an ID token that shows MFA was performed (`amr` contains `mfa`).
const suite = attackSuite("prompt-offered-account-mfa-not-performed");

const janeWithMfa: StoredUser = { ...janeDatabase, multifactor: ["guardian"] };

/** The nested sign-in with the password, stopped where the browser would go to /continue. */
async function passwordAtNestedSignIn(browser: CookieClient, authorize: URL, stopAt: string) {
  const page = await browser.follow(authorize.toString(), appCallback);
  return browser.follow(formAction(page, database), stopAt, {
    form: { connection: database, email, password },
  });
}

describe("prompted linking: the offered account has MFA and the sign-in does not perform it", () => {
  suite.tries("the attacker signs in with the stolen password alone", async (record) => {
    const { tenant, lines } = await startPromptScenario([janeWithMfa]);
    const attacker = new CookieClient();
    const authorize = await promptedAuthorizeUrl(tenant, attacker);
    const challenge = await passwordAtNestedSignIn(attacker, authorize, appCallback);
    // The nested sign-in asks for the account's factor, whatever the tenant's policy says.
    const guessed = await attacker.request(mfaChallengeAction(challenge), {
      form: { otp: "000000" },
    });
    expect(guessed.status).toBe(400);
    expect(guessed.body).toContain(wrongCodeMessage);
    expect(lines.at(-1)).toMatchObject({ reason: "prompt_transaction", mfa_challenged: true });
    // Without the factor the sign-in never returns a code: the continuation has nothing to link.
    const state = authorize.searchParams.get("state") ?? "";
    const callback = await attacker.follow(
      `${tenant.api.origin}/continue?${new URLSearchParams({ state })}`,
      appCallback,
    );
    record.outcome = `factor asked in the nested sign-in; continuation ${String(lines.at(-1)?.reason)}`;
    await expectNotLinked(tenant, callback, lines, "no_code");
    expect(tenant.state.getUser(oktaUserId)?.app_metadata).not.toHaveProperty(
      "account_linking_prompt",
    );
  });

  suite.tries(
    "the account enrols a factor after the password-only sign-in, before /continue",
    async (record) => {
      const { tenant, lines } = await startPromptScenario([janeDatabase]);
      const browser = new CookieClient();
      const authorize = await promptedAuthorizeUrl(tenant, browser);
      const toContinue = await passwordAtNestedSignIn(
        browser,
        authorize,
        `${tenant.api.origin}/continue`,
      );
      tenant.state.enrollFactor(janeDatabase.user_id, "guardian");
      const callback = await browser.follow(toContinue.location ?? "", appCallback);
      record.outcome = `continuation ${String(lines.at(-1)?.reason)} (${String(lines.at(-1)?.detail)})`;
      await expectNotLinked(tenant, callback, lines, "mfa_not_proven");
      expect(lines.at(-1)).toMatchObject({ detail: "enrolled_since_prompt" });
    },
  );

  suite.controls("the owner enters the factor's code and links", async (record) => {
    const { tenant, lines } = await startPromptScenario([janeWithMfa]);
    const browser = new CookieClient();
    const authorize = await promptedAuthorizeUrl(tenant, browser);
    const challenge = await passwordAtNestedSignIn(browser, authorize, appCallback);
    const callback = await browser.follow(mfaChallengeAction(challenge), appCallback, {
      form: { otp: localOneTimeCode },
    });
    record.outcome = `continuation ${String(lines.at(-1)?.reason)}`;
    expect((await appTokens(tenant, callback)).sub).toBe(janeWithMfa.user_id);
    expect(tenant.state.getUser(janeWithMfa.user_id)?.identities).toHaveLength(2);
    expect(lines.at(-1)).toMatchObject({ outcome: "linked", reason: "linked_after_sign_in" });
  });

  suite.controls("the owner without MFA enrolled links with the password", async (record) => {
    const { tenant, lines } = await startPromptScenario([janeDatabase]);
    const browser = new CookieClient();
    const authorize = await promptedAuthorizeUrl(tenant, browser);
    const callback = await signInAt(browser, authorize.toString());
    record.outcome = `continuation ${String(lines.at(-1)?.reason)}`;
    expect((await appTokens(tenant, callback)).sub).toBe(janeDatabase.user_id);
    expect(lines.at(-1)).toMatchObject({ outcome: "linked", reason: "linked_after_sign_in" });
  });
});
