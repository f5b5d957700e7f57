import { describe, expect, it } from "vitest";
import type { PromptConfig } from "../../src/linking/config";
import { buildDecline, DECLINE_KEY } from "../../src/linking/prompt-decline";
import {
  checkPromptGate,
  choosePromptCandidate,
  isPromptTransaction,
  type PromptGateInput,
  planPromptedLink,
  promptedSecondaries,
} from "../../src/linking/prompt-plan";
import { secondariesToCheck } from "../../src/linking/secondary-holdings";
import { DEFAULT_TRUST_POLICY } from "../../src/linking/trust";
import {
  account,
  DATABASE,
  DATABASE_KINDS,
  GOOGLE,
  identity,
  LEGACY_DATABASE,
  SAML,
} from "./account-fixtures";

const prompt: PromptConfig = {
  enabled: true,
  clientId: "prompt-client",
  clientSecret: "x".repeat(64),
  snoozeDays: 30,
};
const now = new Date("2026-06-01T12:00:00.000Z");
const samlLogin = account("samlp|acme-saml|jane", { connection: SAML });
const databaseAccount = account("auth0|db1", { connection: DATABASE });

function gate(overrides: Partial<PromptGateInput> = {}): PromptGateInput {
  return {
    prompt,
    refusal: "untrusted_connection",
    current: samlLogin,
    protocol: "oidc-basic-profile",
    transactionId: "tx-1",
    now,
    ...overrides,
  };
}

describe("checkPromptGate: what a login must pass before a lookup is spent", () => {
  it.each([
    ["untrusted_connection"],
    ["email_not_verified"],
    ["mfa_required"],
  ] as const)("opens-for-a-refusal-a-sign-in-resolves: %s", (refusal) => {
    expect(checkPromptGate(gate({ refusal }))).toBeUndefined();
  });

  it("stays-closed-for-mfa-required-when-the-logging-in-account-has-mfa-enrolled", () => {
    const enrolled = { ...samlLogin, mfaEnrolled: true };
    expect(checkPromptGate(gate({ refusal: "mfa_required", current: enrolled }))).toBe(
      "not_resolvable_by_sign_in",
    );
  });

  it.each([
    ["no_email"],
    ["malformed_user"],
    ["ambiguous_primary"],
    ["already_checked"],
    ["no_candidates"],
  ] as const)("stays-closed-for-a-refusal-no-sign-in-resolves: %s", (refusal) => {
    expect(checkPromptGate(gate({ refusal }))).toBe("not_resolvable_by_sign_in");
  });

  it("stays-closed-when-prompted-linking-is-off", () => {
    expect(checkPromptGate(gate({ prompt: { enabled: false } }))).toBe("prompt_off");
  });

  it.each([
    ["oauth2-refresh-token"],
    ["oauth2-password"],
    ["oauth2-device-code"],
    ["oauth2-token-exchange"],
    ["a-protocol-auth0-adds-later"],
    [undefined],
  ])("stays-closed-for-a-protocol-without-a-browser-to-send: %s", (protocol) => {
    expect(checkPromptGate(gate({ protocol }))).toBe("protocol_not_promptable");
  });

  it.each([
    ["samlp"],
    ["wsfed"],
    ["oidc-implicit-profile"],
    ["oidc-hybrid-profile"],
  ])("opens-for-browser-protocol-%s", (protocol) => {
    expect(checkPromptGate(gate({ protocol }))).toBeUndefined();
  });

  it("stays-closed-without-a-transaction-id-to-bind-the-prompt-to", () => {
    expect(checkPromptGate(gate({ transactionId: undefined }))).toBe("no_transaction_id");
    expect(checkPromptGate(gate({ transactionId: "" }))).toBe("no_transaction_id");
  });

  it("stays-closed-for-an-account-without-an-address", () => {
    const current = { ...samlLogin, email: undefined };
    expect(checkPromptGate(gate({ current, refusal: "email_not_verified" }))).toBe(
      "not_resolvable_by_sign_in",
    );
  });

  it("stays-closed-for-an-account-that-already-holds-several-identities", () => {
    const current = {
      ...samlLogin,
      identities: [identity(SAML, "acme-saml|jane"), identity(GOOGLE, "123")],
    };
    expect(checkPromptGate(gate({ current }))).toBe("current_has_several_identities");
  });

  describe("the snooze", () => {
    const declinedDaysAgo = (days: number) => ({
      ...samlLogin,
      appMetadata: {
        [DECLINE_KEY]: buildDecline("person_declined", new Date(now.getTime() - days * 86_400_000)),
      },
    });

    it("holds-the-prompt-back-while-a-decline-is-remembered", () => {
      expect(checkPromptGate(gate({ current: declinedDaysAgo(29) }))).toBe("prompt_snoozed");
    });

    it("offers-again-once-PROMPT_SNOOZE_DAYS-have-passed", () => {
      expect(checkPromptGate(gate({ current: declinedDaysAgo(30) }))).toBeUndefined();
    });

    it("offers-again-at-every-login-when-PROMPT_SNOOZE_DAYS-is-0", () => {
      const never = { ...prompt, snoozeDays: 0 };
      expect(checkPromptGate(gate({ prompt: never, current: declinedDaysAgo(0) }))).toBeUndefined();
    });

    it("ignores-a-decline-forged-in-user-metadata", () => {
      const current = {
        ...samlLogin,
        userMetadata: { [DECLINE_KEY]: buildDecline("person_declined", now) },
      };
      expect(checkPromptGate(gate({ current }))).toBeUndefined();
    });

    it.each([
      ["another version", { v: 2, declined_at: now.toISOString(), reason: "x" }],
      ["a date in the future", { v: 1, declined_at: "2027-01-01T00:00:00.000Z", reason: "x" }],
      ["no date", { v: 1, reason: "x" }],
      ["not an object", "declined"],
    ])("ignores-a-decline-record-with-%s", (_name, record) => {
      const current = { ...samlLogin, appMetadata: { [DECLINE_KEY]: record } };
      expect(checkPromptGate(gate({ current }))).toBeUndefined();
    });
  });
});

describe("isPromptTransaction: the nested sign-in", () => {
  it("recognises-the-prompt-client", () => {
    expect(isPromptTransaction("prompt-client", prompt)).toBe(true);
  });

  it("does-not-take-another-client-or-none-for-it", () => {
    expect(isPromptTransaction("app-client", prompt)).toBe(false);
    expect(isPromptTransaction(undefined, prompt)).toBe(false);
    expect(isPromptTransaction("prompt-client", { enabled: false })).toBe(false);
  });
});

describe("choosePromptCandidate: the one account a person may be asked to sign in to", () => {
  const choose = (candidates: ReturnType<typeof account>[], current = samlLogin) =>
    choosePromptCandidate({
      current,
      candidates,
      trust: DEFAULT_TRUST_POLICY,
      databaseKinds: DATABASE_KINDS,
    });

  it("offers-the-verified-database-account-with-the-same-address", () => {
    expect(choose([samlLogin, databaseAccount])).toEqual({
      kind: "prompt",
      candidate: {
        userId: "auth0|db1",
        connection: "Username-Password-Authentication",
        email: "jane@example.com",
        mfaEnrolled: false,
      },
    });
  });

  it("says-whether-the-offered-account-has-a-factor-enrolled", () => {
    const withMfa = { ...databaseAccount, mfaEnrolled: true };
    const choice = choose([withMfa]);
    expect(choice.kind === "prompt" && choice.candidate.mfaEnrolled).toBe(true);
  });

  it("matches-the-address-ignoring-ascii-case-and-pre-fills-the-candidate's-own", () => {
    // Auth0 stores a built-in database's addresses in lower case; a custom database without
    // import mode keeps what its script returns, so capitals come from one the administrator listed.
    const capitals = account("auth0|legacy", {
      connection: LEGACY_DATABASE,
      email: "Jane@Example.com",
    });
    const choice = choosePromptCandidate({
      current: samlLogin,
      candidates: [capitals],
      trust: { kind: "listed", connections: new Set([LEGACY_DATABASE.name]) },
      databaseKinds: DATABASE_KINDS,
    });
    expect(choice.kind === "prompt" && choice.candidate.email).toBe("Jane@Example.com");
  });

  it("never-offers-an-unverified-account-the-pre-hijacking-trap", () => {
    expect(choose([{ ...databaseAccount, emailVerified: false }])).toMatchObject({
      kind: "none",
      reason: "no_prompt_candidate",
    });
  });

  it("never-offers-an-account-whose-main-identity-is-untrusted", () => {
    const otherSaml = account("samlp|acme-saml|other", { connection: SAML });
    expect(choose([otherSaml])).toMatchObject({ kind: "none", reason: "no_prompt_candidate" });
  });

  it("never-offers-a-custom-database-account-that-is-not-listed", () => {
    const legacy = account("auth0|legacy", { connection: LEGACY_DATABASE });
    expect(choose([legacy])).toMatchObject({ kind: "none", reason: "no_prompt_candidate" });
  });

  it("never-offers-a-blocked-account", () => {
    expect(choose([{ ...databaseAccount, blocked: true }])).toMatchObject({
      kind: "none",
      reason: "no_prompt_candidate",
    });
  });

  it("never-offers-an-account-with-another-address", () => {
    expect(choose([{ ...databaseAccount, email: "jane.doe@example.com" }])).toMatchObject({
      kind: "none",
      reason: "no_prompt_candidate",
    });
  });

  it("never-offers-the-account-that-is-logging-in", () => {
    const verifiedSelf = account("auth0|self", { connection: DATABASE, emailVerified: false });
    expect(choose([verifiedSelf], verifiedSelf)).toMatchObject({ kind: "none" });
  });

  it("offers-nothing-when-two-accounts-could-be-the-primary", () => {
    const google = account("google-oauth2|g1", { connection: GOOGLE });
    expect(choose([databaseAccount, google])).toEqual({
      kind: "none",
      reason: "several_prompt_candidates",
      eligibleCandidates: 2,
    });
  });

  it("offers-the-verified-one-when-an-unverified-squatter-shares-the-address", () => {
    const squatter = account("auth0|squat", { connection: DATABASE, emailVerified: false });
    const choice = choose([squatter, databaseAccount]);
    expect(choice.kind === "prompt" && choice.candidate.userId).toBe("auth0|db1");
  });
});

describe("planPromptedLink", () => {
  it("links-the-logging-in-account-into-the-candidate-with-the-automatic-metadata-rules", () => {
    const current = {
      ...samlLogin,
      userMetadata: { theme: "dark" },
      appMetadata: { roles: ["a"] },
    };
    const candidate = { ...databaseAccount, userMetadata: { theme: "light" } };
    const planned = planPromptedLink(current, candidate as never, []);
    const plan = planned.ok ? planned.plan : undefined;
    expect(plan).toMatchObject({
      kind: "link",
      primary: { userId: "auth0|db1" },
      links: [
        { secondaryUserId: samlLogin.userId, provider: "samlp", providerUserId: "acme-saml|jane" },
      ],
      currentBecomesSecondary: true,
    });
    expect(plan?.metadataCarry.userMetadata).toEqual({});
    expect(plan?.metadataCarry.appMetadata).toEqual({});
  });

  it("makes-secondaries-of-exactly-the-accounts-a-prompt-checks-beforehand", () => {
    const planned = planPromptedLink(samlLogin, databaseAccount as never, []);
    if (!planned.ok) throw new Error(`expected a plan, got ${planned.reason}`);
    expect(promptedSecondaries(samlLogin)).toEqual(secondariesToCheck(planned.plan));
  });

  it("carries-user-metadata-keys-the-candidate-lacks", () => {
    const current = { ...samlLogin, userMetadata: { locale: "fr" } };
    const planned = planPromptedLink(current, databaseAccount as never, []);
    expect(planned.ok && planned.plan.metadataCarry.userMetadata).toEqual({ locale: "fr" });
  });

  it("never-makes-an-mfa-account-the-secondary-of-the-candidate", () => {
    const withMfa = { ...samlLogin, mfaEnrolled: true };
    expect(planPromptedLink(withMfa, databaseAccount as never, [])).toEqual({
      ok: false,
      reason: "ambiguous_mfa",
    });
  });

  it("never-links-a-blocked-account", () => {
    const blocked = { ...databaseAccount, blocked: true };
    expect(planPromptedLink(samlLogin, blocked as never, [])).toEqual({
      ok: false,
      reason: "blocked_account",
    });
  });

  it("writes-the-audit-record-of-a-prompted-link", () => {
    const planned = planPromptedLink(samlLogin, databaseAccount as never, []);
    expect(planned.ok && planned.plan.recovery.records).toMatchObject([
      { path: "prompt", primary: "auth0|db1", secondary: samlLogin.userId },
    ]);
  });
});
