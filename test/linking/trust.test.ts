import { describe, expect, it } from "vitest";
import {
  connectionTrust,
  DEFAULT_TRUST_POLICY,
  isTrustedConnection,
  needsDatabaseKind,
  type TrustPolicy,
} from "../../src/linking/trust";

const KINDS = { "Username-Password-Authentication": "built_in", "my-db": "built_in" } as const;

describe("default trust policy", () => {
  it.each([
    ["Username-Password-Authentication", "auth0"],
    ["email", "email"],
    ["google-oauth2", "google-oauth2"],
    ["apple", "apple"],
  ])("trusts-verifying-connection %s (%s)", (name, strategy) => {
    expect(isTrustedConnection({ name, strategy }, DEFAULT_TRUST_POLICY, KINDS)).toBe(true);
  });

  it.each([
    "samlp",
    "waad",
    "adfs",
    "oidc",
    "okta",
    "pingfederate",
    "ad",
    "google-apps",
    "github",
    "facebook",
    "windowslive",
    "twitter",
    "sms",
  ])("distrusts-enterprise-and-other-social-strategy %s", (strategy) => {
    expect(isTrustedConnection({ name: strategy, strategy }, DEFAULT_TRUST_POLICY, KINDS)).toBe(
      false,
    );
  });

  it("trusts-an-identity-by-its-provider", () => {
    expect(
      isTrustedConnection({ name: "my-db", provider: "auth0" }, DEFAULT_TRUST_POLICY, KINDS),
    ).toBe(true);
  });

  it("does-not-trust-a-connection-named-like-a-trusted-strategy", () => {
    expect(
      isTrustedConnection({ name: "google-oauth2", strategy: "oidc" }, DEFAULT_TRUST_POLICY, KINDS),
    ).toBe(false);
  });

  it("distrusts-a-connection-with-neither-strategy-nor-provider", () => {
    expect(isTrustedConnection({ name: "google-oauth2" }, DEFAULT_TRUST_POLICY, KINDS)).toBe(false);
  });
});

describe("listed trust policy", () => {
  const listed: TrustPolicy = { kind: "listed", connections: new Set(["acme-saml", "my-db"]) };

  it("trusts-exactly-the-listed-connection-names", () => {
    expect(isTrustedConnection({ name: "acme-saml", strategy: "samlp" }, listed, KINDS)).toBe(true);
    expect(isTrustedConnection({ name: "my-db", provider: "auth0" }, listed, KINDS)).toBe(true);
  });

  it("does-not-add-the-default-list-to-a-listed-policy", () => {
    expect(
      isTrustedConnection({ name: "google-oauth2", strategy: "google-oauth2" }, listed, KINDS),
    ).toBe(false);
    expect(
      isTrustedConnection(
        { name: "Username-Password-Authentication", strategy: "auth0" },
        listed,
        KINDS,
      ),
    ).toBe(false);
  });

  it("matches-listed-names-case-sensitively", () => {
    expect(isTrustedConnection({ name: "ACME-SAML", strategy: "samlp" }, listed, KINDS)).toBe(
      false,
    );
  });
});

describe("a database connection listed without its options", () => {
  const withheld = { "Username-Password-Authentication": "options_withheld" } as const;
  const database = { name: "Username-Password-Authentication", strategy: "auth0" };

  it("is-not-trusted-by-default-and-says-why", () => {
    expect(isTrustedConnection(database, DEFAULT_TRUST_POLICY, withheld)).toBe(false);
    expect(connectionTrust(database, DEFAULT_TRUST_POLICY, withheld)).toBe(
      "options_withheld_database",
    );
  });

  it("needs-no-second-read-of-the-connections", () => {
    expect(needsDatabaseKind(database, DEFAULT_TRUST_POLICY, withheld)).toBe(false);
  });

  it("is-trusted-once-an-administrator-names-it", () => {
    const listed: TrustPolicy = { kind: "listed", connections: new Set([database.name]) };
    expect(isTrustedConnection(database, listed, withheld)).toBe(true);
  });
});
