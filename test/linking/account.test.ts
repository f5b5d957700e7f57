import { describe, expect, it } from "vitest";
import { toAccountSnapshot } from "../../src/linking/account";

const databaseUser = {
  user_id: "auth0|abc",
  email: "jane@example.com",
  email_verified: true,
  created_at: "2024-01-01T00:00:00.000Z",
  identities: [
    {
      provider: "auth0",
      user_id: "abc",
      connection: "Username-Password-Authentication",
      isSocial: false,
    },
  ],
  user_metadata: { theme: "dark" },
  app_metadata: { plan: "pro" },
};

describe("toAccountSnapshot", () => {
  it("reads-an-auth0-user-record", () => {
    expect(toAccountSnapshot(databaseUser)).toEqual({
      ok: true,
      account: {
        userId: "auth0|abc",
        email: "jane@example.com",
        emailVerified: true,
        createdAt: "2024-01-01T00:00:00.000Z",
        identities: [
          {
            provider: "auth0",
            providerUserId: "abc",
            connection: "Username-Password-Authentication",
          },
        ],
        userMetadata: { theme: "dark" },
        appMetadata: { plan: "pro" },
        profileBytes: Buffer.byteLength(JSON.stringify(databaseUser)),
        blocked: false,
        mfaEnrolled: false,
      },
    });
  });

  // The ranking prefers an account stored in lower case: the snapshot keeps the stored case.
  it("keeps-the-address-as-the-provider-stored-it-capitals-included", () => {
    const result = toAccountSnapshot({
      user_id: "google-oauth2|123",
      email: "Jane@Example.com",
      identities: [{ provider: "google-oauth2", user_id: "123", connection: "google-oauth2" }],
    });
    expect(result.ok && result.account.email).toBe("Jane@Example.com");
  });

  it("reads-a-block-an-administrator-set", () => {
    const result = toAccountSnapshot({ ...databaseUser, blocked: true });
    expect(result.ok && result.account.blocked).toBe(true);
  });

  it.each([
    ["a Management API user's multifactor", { multifactor: ["guardian"] }, true],
    ["the logging-in user's enrolledFactors", { enrolledFactors: [{ type: "otp" }] }, true],
    ["empty lists", { multifactor: [], enrolledFactors: [] }, false],
    ["null lists", { multifactor: null, enrolledFactors: null }, false],
  ])("reads-mfa-enrolment-from-%s", (_case, fields, enrolled) => {
    const result = toAccountSnapshot({ ...databaseUser, ...fields });
    expect(result.ok && result.account.mfaEnrolled).toBe(enrolled);
  });

  it("reads-a-numeric-identity-user-id-as-a-string", () => {
    const result = toAccountSnapshot({
      user_id: "github|12345",
      identities: [{ provider: "github", user_id: 12345, connection: "github" }],
    });
    expect(result.ok && result.account.identities[0]?.providerUserId).toBe("12345");
  });

  it("defaults-missing-metadata-to-empty-objects", () => {
    const result = toAccountSnapshot({
      ...databaseUser,
      user_metadata: undefined,
      app_metadata: null,
    });
    expect(result.ok && result.account.userMetadata).toEqual({});
    expect(result.ok && result.account.appMetadata).toEqual({});
  });

  it("omits-a-missing-email-and-created-at", () => {
    const result = toAccountSnapshot({ user_id: "sms|1", identities: [] });
    expect(result).toEqual({
      ok: true,
      account: {
        userId: "sms|1",
        emailVerified: false,
        identities: [],
        userMetadata: {},
        appMetadata: {},
        profileBytes: Buffer.byteLength(JSON.stringify({ user_id: "sms|1", identities: [] })),
        blocked: false,
        mfaEnrolled: false,
      },
    });
  });

  it.each([
    ["missing", undefined],
    ["a string", "true"],
    ["a number", 1],
    ["false", false],
  ])("treats-email-verified-%s-as-unverified", (_case, email_verified) => {
    const result = toAccountSnapshot({ ...databaseUser, email_verified });
    expect(result.ok && result.account.emailVerified).toBe(false);
  });

  it.each([
    ["not an object", "auth0|abc"],
    ["null", null],
    ["an array", [databaseUser]],
    ["no user_id", { ...databaseUser, user_id: undefined }],
    ["an empty user_id", { ...databaseUser, user_id: "" }],
    ["a numeric user_id", { ...databaseUser, user_id: 7 }],
    ["a non-string email", { ...databaseUser, email: ["jane@example.com"] }],
    ["a non-string created_at", { ...databaseUser, created_at: 1700000000 }],
    ["identities not an array", { ...databaseUser, identities: { 0: databaseUser.identities[0] } }],
    ["an identity that is not an object", { ...databaseUser, identities: ["auth0|abc"] }],
    [
      "an identity without provider",
      { ...databaseUser, identities: [{ user_id: "abc", connection: "db" }] },
    ],
    [
      "an identity without connection",
      { ...databaseUser, identities: [{ provider: "auth0", user_id: "abc" }] },
    ],
    [
      "an identity with a fractional user_id",
      { ...databaseUser, identities: [{ provider: "github", user_id: 1.5, connection: "github" }] },
    ],
    ["user_metadata an array", { ...databaseUser, user_metadata: ["dark"] }],
    ["user_metadata a string", { ...databaseUser, user_metadata: "dark" }],
    ["app_metadata a class instance", { ...databaseUser, app_metadata: new Date(0) }],
    // An enrolment nobody can read is not taken as absent.
    ["multifactor a string", { ...databaseUser, multifactor: "guardian" }],
    ["enrolledFactors an object", { ...databaseUser, enrolledFactors: { type: "otp" } }],
  ])("rejects-a-malformed-user-record: %s", (_case, raw) => {
    const result = toAccountSnapshot(raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/\S/);
  });

  it("names-the-faulty-field-in-the-reason", () => {
    expect(toAccountSnapshot({ ...databaseUser, identities: "x" })).toEqual({
      ok: false,
      reason: "identities is not an array",
    });
  });
});
