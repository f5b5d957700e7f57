import { describe, expect, it } from "vitest";
import type { AccountSnapshot } from "../../src/linking/account";
import { checkCurrentAccount, type PlanInput, planLinking } from "../../src/linking/plan";
import { RULES_VERSION } from "../../src/linking/rules-version";
import { DEFAULT_TRUST_POLICY } from "../../src/linking/trust";
import {
  APPLE,
  account,
  type Connection,
  DATABASE,
  DATABASE_KINDS,
  ENTRA,
  GITHUB,
  GOOGLE,
  identity,
  LEGACY_DATABASE,
  PASSWORDLESS_EMAIL,
  SAML,
} from "./account-fixtures";

function plan(
  current: AccountSnapshot,
  candidates: AccountSnapshot[],
  overrides: Partial<PlanInput> & { login?: Connection } = {},
) {
  const { login = connectionOf(current), ...rest } = overrides;
  return planLinking({
    current,
    loginConnection: login,
    candidates,
    trust: DEFAULT_TRUST_POLICY,
    databaseKinds: DATABASE_KINDS,
    mergeAppMetadataKeys: [],
    ...rest,
  });
}

function connectionOf(user: AccountSnapshot): Connection {
  const main = user.identities[0];
  return main === undefined ? DATABASE : { name: main.connection, strategy: main.provider };
}

const googleLogin = account("google-oauth2|g1", {
  connection: GOOGLE,
  createdAt: "2025-06-01T00:00:00.000Z",
});
const olderDatabase = account("auth0|d1", { createdAt: "2023-01-01T00:00:00.000Z" });

describe("linking", () => {
  it("links-google-login-into-older-database-account", () => {
    expect(plan(googleLogin, [olderDatabase])).toEqual({
      kind: "link",
      primary: olderDatabase,
      links: [
        {
          secondaryUserId: "google-oauth2|g1",
          provider: "google-oauth2",
          providerUserId: "g1",
          connection: "google-oauth2",
        },
      ],
      metadataCarry: {
        userMetadata: {},
        appMetadata: {},
        dropped: [],
        carriedFrom: { userMetadata: new Map(), appMetadata: new Map() },
      },
      recovery: {
        records: [
          {
            path: "login",
            rules: RULES_VERSION,
            primary: "auth0|d1",
            secondary: "google-oauth2|g1",
            provider: "google-oauth2",
            provider_user_id: "g1",
            carried: { user_metadata: {}, app_metadata: {} },
            copy: { in: "none" },
          },
        ],
        completeCopies: [{ secondary: "google-oauth2|g1", user_metadata: {}, app_metadata: {} }],
        newMarks: [],
        projectedProfileBytes: expect.any(Number),
      },
      currentBecomesSecondary: true,
      eligibleCandidates: 1,
    });
  });

  it("keeps-the-current-user-primary-when-it-is-the-oldest", () => {
    const result = plan(olderDatabase, [googleLogin]);
    expect(result).toMatchObject({
      kind: "link",
      primary: { userId: "auth0|d1" },
      links: [{ secondaryUserId: "google-oauth2|g1" }],
      currentBecomesSecondary: false,
    });
  });

  it("links-an-ascii-case-variant-of-the-address", () => {
    const shouting = account("apple|a1", {
      connection: APPLE,
      email: "JANE@Example.com",
      createdAt: "2024-06-01T00:00:00.000Z",
    });
    expect(plan(googleLogin, [shouting])).toMatchObject({
      kind: "link",
      links: [{ secondaryUserId: "apple|a1" }],
    });
  });

  it("links-passwordless-email-and-apple-accounts", () => {
    const passwordless = account("email|e1", {
      connection: PASSWORDLESS_EMAIL,
      createdAt: "2022-01-01T00:00:00.000Z",
    });
    const apple = account("apple|a1", { connection: APPLE });
    const result = plan(googleLogin, [apple, passwordless]);
    expect(result).toMatchObject({
      kind: "link",
      primary: { userId: "email|e1" },
      links: [{ secondaryUserId: "apple|a1" }, { secondaryUserId: "google-oauth2|g1" }],
      eligibleCandidates: 2,
    });
  });

  it("links-every-other-account-in-primary-ranking-order", () => {
    const oldest = account("auth0|old", { createdAt: "2020-01-01T00:00:00.000Z" });
    const middle = account("apple|mid", {
      connection: APPLE,
      createdAt: "2021-01-01T00:00:00.000Z",
    });
    const undated = account("auth0|aaa", { createdAt: undefined });
    const result = plan(googleLogin, [undated, middle, oldest]);
    expect(result.kind === "link" && result.links.map((link) => link.secondaryUserId)).toEqual([
      "apple|mid",
      "google-oauth2|g1",
      "auth0|aaa",
    ]);
  });

  it("links-a-user-found-by-both-lookup-variants-once", () => {
    const result = plan(googleLogin, [olderDatabase, { ...olderDatabase }]);
    expect(result).toMatchObject({ kind: "link", links: [{}], eligibleCandidates: 1 });
  });

  it("uses-the-secondary-main-identity-for-the-link-step", () => {
    const github = account("github|123", {
      identities: [identity(GOOGLE, "g9")],
      createdAt: "2026-01-01T00:00:00.000Z",
    });
    const result = plan(olderDatabase, [github]);
    expect(result.kind === "link" && result.links).toEqual([
      {
        secondaryUserId: "github|123",
        provider: "google-oauth2",
        providerUserId: "g9",
        connection: "google-oauth2",
      },
    ]);
  });
});

describe("choosing the primary", () => {
  it("prefers-an-account-with-several-identities-over-an-older-one", () => {
    const alreadyLinked = account("auth0|linked", {
      createdAt: "2025-01-01T00:00:00.000Z",
      identities: [identity(DATABASE, "linked"), identity(GOOGLE, "g2")],
    });
    expect(plan(googleLogin, [olderDatabase, alreadyLinked])).toMatchObject({
      kind: "link",
      primary: { userId: "auth0|linked" },
      links: [{ secondaryUserId: "auth0|d1" }, { secondaryUserId: "google-oauth2|g1" }],
    });
  });

  it("breaks-a-created-at-tie-with-the-smallest-user-id", () => {
    const a = account("auth0|b", { createdAt: "2024-01-01T00:00:00.000Z" });
    const b = account("apple|z", { connection: APPLE, createdAt: "2024-01-01T00:00:00.000Z" });
    expect(plan(a, [b])).toMatchObject({ primary: { userId: "apple|z" } });
    expect(plan(b, [a])).toMatchObject({ primary: { userId: "apple|z" } });
  });

  it("ranks-a-missing-or-unparsable-created-at-as-newest", () => {
    const undated = account("auth0|a", { createdAt: undefined });
    const garbled = account("auth0|b", { createdAt: "not a date" });
    const dated = account("auth0|c", { createdAt: "2030-01-01T00:00:00.000Z" });
    expect(plan(undated, [garbled, dated])).toMatchObject({
      primary: { userId: "auth0|c" },
      links: [{ secondaryUserId: "auth0|a" }, { secondaryUserId: "auth0|b" }],
    });
  });

  it("compares-created-at-as-time-not-as-text", () => {
    const offset = account("auth0|z", { createdAt: "2024-01-01T01:00:00+02:00" });
    const utc = account("auth0|a", { createdAt: "2024-01-01T00:00:00Z" });
    expect(plan(utc, [offset])).toMatchObject({ primary: { userId: "auth0|z" } });
  });

  it("agrees-on-the-primary-whichever-account-logs-in", () => {
    const accounts = [googleLogin, olderDatabase, account("apple|a1", { connection: APPLE })];
    const primaries = accounts.map((current) => {
      const result = plan(current, accounts);
      return result.kind === "link" ? result.primary.userId : result.reason;
    });
    expect(primaries).toEqual(["auth0|d1", "auth0|d1", "auth0|d1"]);
  });

  it("does-not-depend-on-the-order-candidates-arrive-in", () => {
    const others = [
      olderDatabase,
      account("apple|a1", { connection: APPLE }),
      account("email|e1", {
        connection: PASSWORDLESS_EMAIL,
        createdAt: "2023-01-01T00:00:00.000Z",
      }),
    ];
    expect(plan(googleLogin, [...others].reverse())).toEqual(plan(googleLogin, others));
  });

  it("skips-when-two-accounts-already-have-several-identities", () => {
    const linkedA = account("auth0|a", {
      identities: [identity(DATABASE, "a"), identity(GOOGLE, "g2")],
    });
    const linkedB = account("auth0|b", {
      identities: [identity(DATABASE, "b"), identity(APPLE, "a2")],
    });
    expect(plan(googleLogin, [linkedA, linkedB, olderDatabase])).toMatchObject({
      kind: "skip",
      reason: "ambiguous_primary",
      eligibleCandidates: 3,
    });
  });

  it("skips-when-the-current-user-and-a-candidate-both-have-several-identities", () => {
    const current = account("auth0|a", {
      identities: [identity(DATABASE, "a"), identity(GOOGLE, "g2")],
    });
    const other = account("auth0|b", {
      identities: [identity(DATABASE, "b"), identity(APPLE, "a2")],
    });
    expect(plan(current, [other])).toMatchObject({ kind: "skip", reason: "ambiguous_primary" });
  });
});

describe("accounts stored with capitals", () => {
  // users-by-email is case-sensitive: a login of a lower-case account never finds one stored with
  // capitals, so only an account every login can find may be chosen as primary.
  const raceGoogle = account("google-oauth2|race", {
    connection: GOOGLE,
    email: "Race.Case@Example.com",
    createdAt: "2020-01-01T00:00:00.000Z",
  });
  const raceDatabase = account("auth0|race", {
    email: "race.case@example.com",
    createdAt: "2022-01-01T00:00:00.000Z",
  });
  const raceApple = account("apple|race", {
    connection: APPLE,
    email: "race.case@example.com",
    createdAt: "2023-01-01T00:00:00.000Z",
  });

  it("prefers-an-account-stored-in-lower-case-over-an-older-one-with-capitals", () => {
    expect(plan(raceGoogle, [raceDatabase, raceApple])).toMatchObject({
      primary: { userId: "auth0|race" },
    });
  });

  it("converges-on-one-primary-whether-or-not-the-login-can-see-the-capitals", () => {
    // The Google login finds all three; the Apple login finds only the lower-case two.
    const seenByGoogle = plan(raceGoogle, [raceDatabase, raceApple]);
    const seenByApple = plan(raceApple, [raceDatabase]);
    expect(seenByGoogle.kind === "link" && seenByGoogle.primary.userId).toBe("auth0|race");
    expect(seenByApple.kind === "link" && seenByApple.primary.userId).toBe("auth0|race");
  });
});

describe("blocked accounts", () => {
  const blockedDatabase = account("auth0|blocked", {
    blocked: true,
    createdAt: "2020-01-01T00:00:00.000Z",
  });

  it("links-nothing-into-a-blocked-account", () => {
    expect(plan(googleLogin, [blockedDatabase])).toMatchObject({
      kind: "skip",
      reason: "blocked_account",
      eligibleCandidates: 1,
    });
  });

  it("links-nothing-when-any-account-of-the-plan-is-blocked", () => {
    const apple = account("apple|a1", { connection: APPLE });
    expect(plan(googleLogin, [olderDatabase, apple, blockedDatabase])).toMatchObject({
      kind: "skip",
      reason: "blocked_account",
    });
  });

  it("never-links-a-blocked-login-into-another-account", () => {
    const blockedGoogle = { ...googleLogin, blocked: true };
    expect(plan(blockedGoogle, [olderDatabase])).toMatchObject({
      kind: "skip",
      reason: "blocked_account",
      eligibleCandidates: 0,
    });
  });

  it("ignores-a-blocked-account-that-would-not-be-linked-anyway", () => {
    const blockedUnverified = { ...blockedDatabase, emailVerified: false };
    expect(plan(googleLogin, [olderDatabase, blockedUnverified])).toMatchObject({
      kind: "link",
      primary: { userId: "auth0|d1" },
    });
  });
});

describe("accounts with MFA enrolled", () => {
  const mfaGoogle = { ...googleLogin, mfaEnrolled: true };

  it("makes-the-newer-mfa-account-primary-over-an-older-one-without", () => {
    expect(plan(mfaGoogle, [olderDatabase])).toMatchObject({
      kind: "link",
      primary: { userId: "google-oauth2|g1" },
      links: [{ secondaryUserId: "auth0|d1" }],
      currentBecomesSecondary: false,
    });
    expect(plan(olderDatabase, [mfaGoogle])).toMatchObject({
      primary: { userId: "google-oauth2|g1" },
      currentBecomesSecondary: true,
    });
  });

  it("still-prefers-an-account-with-several-identities-when-it-has-mfa-too", () => {
    const linkedWithMfa = account("auth0|linked", {
      mfaEnrolled: true,
      createdAt: "2026-01-01T00:00:00.000Z",
      identities: [identity(DATABASE, "linked"), identity(APPLE, "a3")],
    });
    expect(plan(googleLogin, [linkedWithMfa, olderDatabase])).toMatchObject({
      primary: { userId: "auth0|linked" },
    });
  });

  it("skips-when-two-accounts-have-mfa-enrolled", () => {
    expect(plan(mfaGoogle, [{ ...olderDatabase, mfaEnrolled: true }])).toMatchObject({
      kind: "skip",
      reason: "ambiguous_mfa",
      eligibleCandidates: 1,
    });
  });

  it("skips-when-the-mfa-account-would-become-secondary-of-one-with-several-identities", () => {
    const linked = account("auth0|linked", {
      identities: [identity(DATABASE, "linked"), identity(APPLE, "a3")],
    });
    expect(plan(mfaGoogle, [linked])).toMatchObject({ kind: "skip", reason: "ambiguous_mfa" });
  });
});

describe("database connections", () => {
  const legacy = account("auth0|legacy", {
    connection: LEGACY_DATABASE,
    createdAt: "2020-01-01T00:00:00.000Z",
  });

  it("ignores-a-custom-database-account-that-is-not-listed", () => {
    expect(plan(googleLogin, [legacy])).toMatchObject({ reason: "no_candidates" });
  });

  it("skips-a-login-through-a-custom-database-that-is-not-listed", () => {
    expect(plan(legacy, [googleLogin], { login: LEGACY_DATABASE })).toMatchObject({
      kind: "skip",
      reason: "untrusted_custom_database",
    });
  });

  it("links-a-custom-database-once-listed", () => {
    const trust = {
      kind: "listed" as const,
      connections: new Set([LEGACY_DATABASE.name, GOOGLE.name]),
    };
    expect(plan(googleLogin, [legacy], { trust })).toMatchObject({
      kind: "link",
      primary: { userId: "auth0|legacy" },
    });
  });

  it("trusts-no-database-connection-the-tenant-did-not-describe", () => {
    expect(plan(googleLogin, [olderDatabase], { databaseKinds: {} })).toMatchObject({
      reason: "no_candidates",
    });
    expect(plan(olderDatabase, [googleLogin], { databaseKinds: {} })).toMatchObject({
      kind: "skip",
      reason: "database_kind_unknown",
    });
  });

  it("trusts-no-database-connection-listed-without-its-options-unless-named", () => {
    const withheld = { [DATABASE.name]: "options_withheld" } as const;
    expect(plan(googleLogin, [olderDatabase], { databaseKinds: withheld })).toMatchObject({
      reason: "no_candidates",
    });
    expect(plan(olderDatabase, [googleLogin], { databaseKinds: withheld })).toMatchObject({
      kind: "skip",
      reason: "database_options_withheld",
    });
    const trust = { kind: "listed" as const, connections: new Set([DATABASE.name, GOOGLE.name]) };
    expect(plan(googleLogin, [olderDatabase], { trust, databaseKinds: withheld })).toMatchObject({
      kind: "link",
    });
  });
});

describe("the current user", () => {
  it("skips-a-user-without-email", () => {
    expect(plan(account("sms|1", { email: undefined }), [olderDatabase])).toMatchObject({
      kind: "skip",
      reason: "no_email",
      eligibleCandidates: 0,
    });
    expect(plan(account("sms|1", { email: "" }), [olderDatabase])).toMatchObject({
      reason: "no_email",
    });
  });

  it("skips-a-user-whose-email-is-not-verified", () => {
    const unverified = account("google-oauth2|g1", { connection: GOOGLE, emailVerified: false });
    expect(plan(unverified, [olderDatabase])).toMatchObject({
      kind: "skip",
      reason: "email_not_verified",
    });
  });

  it.each([
    ["github", GITHUB],
    ["saml", SAML],
    ["entra-id-nOAuth", ENTRA],
  ])("skips-a-login-through-an-untrusted-%s-connection", (_name, connection) => {
    const current = account("x|1", { connection });
    expect(plan(current, [olderDatabase], { login: connection })).toMatchObject({
      kind: "skip",
      reason: "untrusted_connection",
    });
  });

  it("skips-a-trusted-login-into-a-user-whose-main-identity-is-untrusted", () => {
    const current = account("samlp|1", {
      identities: [identity(SAML, "1"), identity(GOOGLE, "g5")],
    });
    expect(plan(current, [olderDatabase], { login: GOOGLE })).toMatchObject({
      kind: "skip",
      reason: "untrusted_connection",
    });
  });

  it("skips-a-user-without-identities-as-malformed", () => {
    const current = account("auth0|1", { identities: [] });
    expect(plan(current, [olderDatabase], { login: DATABASE })).toMatchObject({
      kind: "skip",
      reason: "malformed_user",
    });
  });

  it("rejects-a-login-connection-without-a-name-before-any-lookup", () => {
    expect(
      checkCurrentAccount(
        googleLogin,
        { strategy: "google-oauth2" },
        DEFAULT_TRUST_POLICY,
        DATABASE_KINDS,
      ),
    ).toEqual({
      reason: "untrusted_connection",
      detail: "the login connection is not trusted",
    });
  });

  it("passes-a-verified-user-on-a-trusted-connection-before-any-lookup", () => {
    expect(
      checkCurrentAccount(googleLogin, GOOGLE, DEFAULT_TRUST_POLICY, DATABASE_KINDS),
    ).toBeUndefined();
  });

  it("carries-the-current-user-metadata-when-it-becomes-secondary", () => {
    const current = account("google-oauth2|g1", {
      connection: GOOGLE,
      createdAt: "2025-01-01T00:00:00.000Z",
      userMetadata: { locale: "fr" },
      appMetadata: { plan: "pro", roles: ["admin"] },
    });
    const result = plan(current, [olderDatabase], { mergeAppMetadataKeys: ["plan"] });
    expect(result.kind === "link" && result.metadataCarry).toEqual({
      userMetadata: { locale: "fr" },
      appMetadata: { plan: "pro" },
      dropped: [],
      carriedFrom: {
        userMetadata: new Map([["locale", "google-oauth2|g1"]]),
        appMetadata: new Map([["plan", "google-oauth2|g1"]]),
      },
    });
  });

  it("carries-metadata-from-secondaries-in-link-order", () => {
    const older = account("apple|a", {
      connection: APPLE,
      createdAt: "2024-01-01T00:00:00.000Z",
      userMetadata: { locale: "de" },
    });
    const current = account("google-oauth2|g1", {
      connection: GOOGLE,
      createdAt: "2025-01-01T00:00:00.000Z",
      userMetadata: { locale: "fr" },
    });
    const result = plan(current, [older, olderDatabase]);
    expect(result.kind === "link" && result.metadataCarry.userMetadata).toEqual({ locale: "de" });
  });
});

describe("candidates", () => {
  it("ignores-unverified-attacker-account", () => {
    const attacker = account("auth0|attacker", {
      emailVerified: false,
      createdAt: "2020-01-01T00:00:00.000Z",
    });
    expect(plan(googleLogin, [attacker])).toMatchObject({
      kind: "skip",
      reason: "no_candidates",
      eligibleCandidates: 0,
    });
  });

  it.each([
    ["github", GITHUB],
    ["saml", SAML],
    ["entra-id-nOAuth", ENTRA],
  ])("ignores-a-verified-account-from-an-untrusted-%s-connection", (_name, connection) => {
    const untrusted = account("x|1", { connection, createdAt: "2020-01-01T00:00:00.000Z" });
    expect(plan(googleLogin, [untrusted])).toMatchObject({ reason: "no_candidates" });
  });

  it("ignores-an-account-whose-trusted-identity-is-not-its-main-one", () => {
    const trojan = account("samlp|1", {
      identities: [identity(SAML, "1"), identity(GOOGLE, "g7")],
    });
    expect(plan(googleLogin, [trojan])).toMatchObject({ reason: "no_candidates" });
  });

  it.each([
    ["cyrillic-look-alike", "j\u0430ne@example.com"],
    ["full-width", "ｊａｎｅ@example.com"],
    ["plus-tag", "jane+1@example.com"],
    ["dot", "ja.ne@example.com"],
    ["surrounding-spaces", " jane@example.com "],
    ["unicode-case-only", "JANE@EXAMPLE.\u212AOM"],
  ])("ignores-a-verified-account-with-a-%s-address", (_name, email) => {
    const lookAlike = account("auth0|x", { email, createdAt: "2020-01-01T00:00:00.000Z" });
    expect(plan(googleLogin, [lookAlike])).toMatchObject({ reason: "no_candidates" });
  });

  it("ignores-an-account-without-email-or-identities", () => {
    const noEmail = account("auth0|x", { email: undefined });
    const noIdentities = account("auth0|y", { identities: [] });
    expect(plan(googleLogin, [noEmail, noIdentities])).toMatchObject({ reason: "no_candidates" });
  });

  it("ignores-the-current-user-in-the-lookup-results", () => {
    expect(plan(googleLogin, [googleLogin])).toMatchObject({ reason: "no_candidates" });
  });

  it("counts-only-eligible-candidates", () => {
    const attacker = account("auth0|attacker", { emailVerified: false });
    expect(plan(googleLogin, [attacker, olderDatabase])).toMatchObject({
      kind: "link",
      links: [{ secondaryUserId: "google-oauth2|g1" }],
      eligibleCandidates: 1,
    });
  });
});

describe("a listed trust policy", () => {
  const trust = { kind: "listed" as const, connections: new Set([SAML.name, DATABASE.name]) };

  it("links-accounts-on-connections-an-administrator-listed", () => {
    const saml = account("samlp|s1", { connection: SAML, createdAt: "2026-01-01T00:00:00.000Z" });
    expect(plan(saml, [olderDatabase], { trust })).toMatchObject({
      kind: "link",
      primary: { userId: "auth0|d1" },
    });
  });

  it("no-longer-trusts-default-connections-left-off-the-list", () => {
    expect(plan(googleLogin, [olderDatabase], { trust })).toMatchObject({
      reason: "untrusted_connection",
    });
    expect(plan(olderDatabase, [googleLogin], { trust })).toMatchObject({
      reason: "no_candidates",
    });
  });
});
