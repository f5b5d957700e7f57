import { describe, expect, it } from "vitest";
import {
  AUTHENTICATION_METHODS_PER_PAGE,
  anyFactorInAnswer,
  collectFactors,
  factorsToRead,
  withFactors,
} from "../../src/linking/mfa-factors";
import { account } from "./account-fixtures";

const method = (type: string) => ({ id: `${type}|1`, type, created_at: "2024-01-01T00:00:00Z" });

describe("anyFactorInAnswer", () => {
  it.each([
    ["a security key alone", [method("webauthn-roaming")], true],
    ["a platform authenticator alone", [method("webauthn-platform")], true],
    ["an email factor alone", [method("email")], true],
    ["an authenticator app beside a password", [method("password"), method("totp")], true],
    ["a type Auth0 adds later", [method("carrier-pigeon")], true],
    ["an unconfirmed enrolment", [{ ...method("phone"), confirmed: false }], true],
    ["a password and a passkey", [method("password"), method("passkey")], false],
    ["no method", [], false],
    ["the paginated object", { authenticators: [method("webauthn-roaming")], total: 1 }, true],
    ["an empty paginated object", { authenticators: [], total: 0 }, false],
  ])("reads-%s", (_case, body, enrolled) => {
    expect(anyFactorInAnswer(body)).toBe(enrolled);
  });

  it.each([
    ["an object without authenticators", { methods: [] }],
    ["a method without a type", [{ id: "x" }]],
    ["a method that is not an object", ["totp"]],
    ["null", null],
    [
      "a full page without a factor",
      Array.from({ length: AUTHENTICATION_METHODS_PER_PAGE }, () => method("passkey")),
    ],
  ])("reads-%s-as-no-answer", (_case, body) => {
    expect(anyFactorInAnswer(body)).toBeUndefined();
  });
});

describe("factorsToRead", () => {
  const unknown = (userId: string, extra = {}) =>
    account(userId, { factorsKnown: false, ...extra });

  it("reads-every-verified-account-whose-enrolment-nothing-settled", () => {
    const settled = account("auth0|settled");
    expect(
      factorsToRead([unknown("auth0|a"), settled, unknown("google-oauth2|b"), unknown("auth0|a")]),
    ).toEqual(["auth0|a", "google-oauth2|b"]);
  });

  it("reads-nothing-when-fewer-than-two-verified-accounts-could-be-planned", () => {
    expect(factorsToRead([unknown("auth0|a")])).toEqual([]);
    expect(
      factorsToRead([unknown("auth0|a"), unknown("auth0|b", { emailVerified: false })]),
    ).toEqual([]);
  });

  it("never-reads-an-unverified-account", () => {
    expect(
      factorsToRead([
        unknown("auth0|a"),
        unknown("auth0|b"),
        unknown("auth0|c", { emailVerified: false }),
      ]),
    ).toEqual(["auth0|a", "auth0|b"]);
  });
});

describe("collectFactors", () => {
  it("sends-every-read-at-once", async () => {
    const started: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const collecting = collectFactors(["a", "b"], async (userId) => {
      started.push(userId);
      await gate;
      return { ok: true, enrolled: userId === "b" };
    });
    await Promise.resolve();
    expect(started).toEqual(["a", "b"]);
    release();
    const collected = await collecting;
    expect(collected.ok && [...collected.enrolled]).toEqual([
      ["a", false],
      ["b", true],
    ]);
  });

  it("fails-with-the-first-failed-read", async () => {
    const collected = await collectFactors(["a", "b", "c"], async (userId) =>
      userId === "a" ? { ok: true, enrolled: false } : { ok: false, failure: userId },
    );
    expect(collected).toEqual({ ok: false, failure: "b" });
  });
});

describe("withFactors", () => {
  const unread = account("auth0|a", { factorsKnown: false });

  it("settles-an-account-whose-methods-hold-a-factor", () => {
    expect(withFactors(unread, new Map([["auth0|a", true]]))).toMatchObject({
      mfaEnrolled: true,
      factorsKnown: true,
    });
  });

  it("settles-an-account-without-a-factor", () => {
    expect(withFactors(unread, new Map([["auth0|a", false]]))).toMatchObject({
      mfaEnrolled: false,
      factorsKnown: true,
    });
  });

  it("never-drops-a-factor-another-source-showed", () => {
    const shown = account("auth0|a", { mfaEnrolled: true });
    expect(withFactors(shown, new Map([["auth0|a", false]])).mfaEnrolled).toBe(true);
  });

  it("leaves-an-account-that-was-not-read-as-it-was", () => {
    expect(withFactors(unread, new Map([["auth0|b", true]]))).toBe(unread);
  });
});
