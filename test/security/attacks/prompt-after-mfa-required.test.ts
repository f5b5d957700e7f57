import { describe, expect } from "vitest";
import { localOneTimeCode } from "../../../src/local-tenant/login-side/mfa-challenge";
import type { StoredUser } from "../../../src/local-tenant/tenant-state";
import {
  appCallback,
  appTokens,
  CookieClient,
  janeDatabase,
  janeWorkDatabase,
  notNowUrl,
  password,
  providerSignInRedirect,
} from "../../integration/support/prompted-tenant";
import {
  expectNotLinked,
  mfaChallengeAction,
  nestedAuthorizeUrl,
  signInAt,
  startPromptScenario,
} from "../support/prompted-attack";
import { attackSuite } from "../support/recorder";

// Whoever controls the mailbox signs in passwordless, and the account with the address has MFA
// enrolled. A link on the address alone would move the session onto that account with no factor
// asked, so automatic linking refuses (mfa_required) and the prompt may link only once the
// nested sign-in into that very account has succeeded with its factor: the Action requires it
// there, and the continuation links only on an ID token showing MFA was performed.
const suite = attackSuite("prompt-after-mfa-required");

const janeWithMfa: StoredUser = { ...janeDatabase, multifactor: ["guardian"] };
const passwordless = { connection: "email", userId: "jane-email" };
const passwordlessUserId = "email|jane-email";

async function promptAfterPasswordless(users: StoredUser[] = [janeWithMfa]) {
  const { tenant, lines } = await startPromptScenario(users);
  const browser = new CookieClient();
  const redirect = await providerSignInRedirect(tenant, browser, passwordless);
  const authorize = nestedAuthorizeUrl(redirect);
  // Nothing is linked before the person has signed in to the MFA account.
  expect(lines).toEqual([
    expect.objectContaining({
      outcome: "prompted",
      links: 0,
      primary_user_id: janeWithMfa.user_id,
    }),
  ]);
  expect(tenant.state.getUser(janeWithMfa.user_id)?.identities).toHaveLength(1);
  return { tenant, lines, browser, authorize };
}

describe("prompted linking after mfa_required: the MFA account is reached only by signing in to it", () => {
  suite.tries(
    "with prompting off, a passwordless login beside the MFA account is not moved onto it",
    async (record) => {
      const { tenant, lines } = await startPromptScenario([janeWithMfa], {
        PROMPTED_LINKING: "off",
      });
      const browser = new CookieClient();
      const hop = await providerSignInRedirect(tenant, browser, passwordless);
      const callback = await browser.follow(hop.location ?? "", appCallback);
      record.outcome = `login ${String(lines.at(-1)?.reason)}`;
      expect((await appTokens(tenant, callback)).sub).toBe(passwordlessUserId);
      expect(lines).toEqual([expect.objectContaining({ reason: "mfa_required", links: 0 })]);
      expect(tenant.state.getUser(janeWithMfa.user_id)?.identities).toHaveLength(1);
    },
  );

  suite.tries("the prompted person leaves the nested sign-in with Not now", async (record) => {
    const { tenant, lines, browser, authorize } = await promptAfterPasswordless();
    const nestedPage = await browser.follow(authorize.toString(), appCallback);
    const callback = await browser.follow(notNowUrl(nestedPage), appCallback);
    record.outcome = `prompted; continuation ${String(lines.at(-1)?.reason)}`;
    await expectNotLinked(tenant, callback, lines, "person_declined", passwordlessUserId);
  });

  for (const [proof, query, reason] of [
    ["no code", {}, "no_code"],
    ["a made-up code", { code: "made-up-code" }, "code_exchange_failed"],
  ] as const) {
    suite.tries(
      `the continuation arrives with ${proof} instead of the nested sign-in's`,
      async (record) => {
        const { tenant, lines, browser, authorize } = await promptAfterPasswordless();
        const state = authorize.searchParams.get("state") ?? "";
        const callback = await browser.follow(
          `${tenant.api.origin}/continue?${new URLSearchParams({ ...query, state })}`,
          appCallback,
        );
        record.outcome = `prompted; continuation ${String(lines.at(-1)?.reason)}`;
        await expectNotLinked(tenant, callback, lines, reason, passwordlessUserId);
      },
    );
  }

  suite.tries(
    "the nested sign-in is of another account the person owns, without MFA",
    async (record) => {
      const { tenant, lines, browser, authorize } = await promptAfterPasswordless([
        janeWithMfa,
        janeWorkDatabase,
      ]);
      const callback = await signInAt(browser, authorize.toString(), {
        email: janeWorkDatabase.email ?? "",
        password,
      });
      record.outcome = `prompted; continuation ${String(lines.at(-1)?.reason)}`;
      await expectNotLinked(tenant, callback, lines, "subject_mismatch", passwordlessUserId);
      expect(tenant.state.getUser(janeWorkDatabase.user_id)?.identities).toHaveLength(1);
    },
  );

  suite.tries(
    "control: signing in to the MFA account links; the passwordless identity then opens it only with its factor",
    async (record) => {
      const { tenant, lines, browser, authorize } = await promptAfterPasswordless();
      const challenge = await signInAt(browser, authorize.toString());
      const callback = await browser.follow(mfaChallengeAction(challenge), appCallback, {
        form: { otp: localOneTimeCode },
      });
      expect((await appTokens(tenant, callback)).sub).toBe(janeWithMfa.user_id);
      expect(
        tenant.state.getUser(janeWithMfa.user_id)?.identities.map((identity) => identity.provider),
      ).toEqual(["auth0", "email"]);
      expect(tenant.state.getUser(passwordlessUserId)).toBeUndefined();
      expect(lines.at(-1)).toMatchObject({ outcome: "linked", reason: "linked_after_sign_in" });

      // The mailbox alone no longer opens the account: the login stops at its factor.
      const laterBrowser = new CookieClient();
      const laterChallenge = await providerSignInRedirect(tenant, laterBrowser, passwordless);
      const guessed = await laterBrowser.request(mfaChallengeAction(laterChallenge), {
        form: { otp: "000000" },
      });
      record.outcome = `linked after the sign-in; later passwordless login asks the factor (${guessed.status} without it)`;
      expect(guessed.status).toBe(400);
      expect(guessed.location).toBeUndefined();
      expect(lines.at(-1)).toMatchObject({ mfa_challenged: true });
    },
  );
});
