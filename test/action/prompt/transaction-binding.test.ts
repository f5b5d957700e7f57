import { describe, expect, it } from "vitest";
import { bindBrowser, browserChanges } from "../../../src/action/prompt/browser-binding";
import { acceptedIssuers, browserDomain } from "../../../src/action/prompt/prompt-domain";
import {
  openNonce,
  pkceChallenge,
  pkceVerifier,
  sealNonce,
} from "../../../src/action/prompt/transaction-binding";

const secret = "s".repeat(64);
const fields = { transactionId: "tx-1", userId: "okta|jane" };

describe("the PKCE verifier bound to the transaction", () => {
  it("is-43-base64url-characters-and-the-same-for-the-same-transaction", () => {
    const verifier = pkceVerifier(secret, fields);
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pkceVerifier(secret, { ...fields })).toBe(verifier);
  });

  it.each([
    ["another transaction", secret, { ...fields, transactionId: "tx-2" }],
    ["another user", secret, { ...fields, userId: "okta|john" }],
    ["another secret", "t".repeat(64), fields],
    ["fields that only concatenate alike", secret, { transactionId: "tx-1okta", userId: "|jane" }],
  ])("differs-for-%s", (_name, otherSecret, otherFields) => {
    expect(pkceVerifier(otherSecret, otherFields)).not.toBe(pkceVerifier(secret, fields));
  });

  it("derives-the-S256-challenge-of-RFC-7636", () => {
    expect(pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });
});

describe("the sealed nonce", () => {
  const browser = { ip: "203.0.113.7", user_agent: "Mozilla/5.0 (X11; Linux x86_64)" };
  const sealed = {
    candidateUserId: "auth0|db1",
    redirectedAt: 1_780_000_000,
    candidateMfaEnrolled: true,
    browser: bindBrowser(browser),
  };

  it("opens-to-what-was-sealed-for-the-same-transaction", async () => {
    const nonce = await sealNonce(secret, fields, sealed);
    expect(await openNonce(secret, fields, nonce)).toEqual(sealed);
    expect(nonce).not.toContain("auth0");
  });

  it("keeps-only-digests-of-the-browser", () => {
    expect(JSON.stringify(sealed)).not.toContain("203.0.113.7");
    expect(JSON.stringify(sealed)).not.toContain("Mozilla");
  });

  it("is-different-each-time", async () => {
    expect(await sealNonce(secret, fields, sealed)).not.toBe(
      await sealNonce(secret, fields, sealed),
    );
  });

  it.each([
    ["another transaction", secret, { ...fields, transactionId: "tx-2" }],
    ["another user in the same transaction", secret, { ...fields, userId: "okta|john" }],
    ["another secret", "t".repeat(64), fields],
  ])("does-not-open-for-%s", async (_name, otherSecret, otherFields) => {
    const nonce = await sealNonce(secret, fields, sealed);
    expect(await openNonce(otherSecret, otherFields, nonce)).toBeUndefined();
  });

  it.each([
    ["guessed"],
    [""],
    ["a.b.c.d.e"],
  ])("does-not-open-a-made-up-nonce: %s", async (nonce) => {
    expect(await openNonce(secret, fields, nonce)).toBeUndefined();
  });

  it("does-not-open-when-tampered-with", async () => {
    const nonce = await sealNonce(secret, fields, sealed);
    const parts = nonce.split(".");
    const ciphertext = parts[3] ?? "";
    parts[3] = `${ciphertext.slice(0, -2)}${ciphertext.endsWith("AA") ? "BB" : "AA"}`;
    expect(await openNonce(secret, fields, parts.join("."))).toBeUndefined();
  });
});

describe("the browser a continuation comes from", () => {
  const redirected = { ip: "203.0.113.7", user_agent: "Mozilla/5.0 (X11; Linux x86_64)" };

  it("is-the-same-when-address-and-user-agent-are", () => {
    expect(browserChanges(bindBrowser(redirected), bindBrowser({ ...redirected }))).toEqual([]);
  });

  it.each([
    ["another address", { ...redirected, ip: "198.51.100.9" }, ["ip"]],
    ["another user agent", { ...redirected, user_agent: "curl/8.0" }, ["user_agent"]],
    ["neither", { ip: "198.51.100.9", user_agent: "curl/8.0" }, ["ip", "user_agent"]],
    ["a request that lacks both", {}, ["ip", "user_agent"]],
  ])("differs-with-%s", (_name, returned, changes) => {
    expect(browserChanges(bindBrowser(redirected), bindBrowser(returned))).toEqual(changes);
  });
});

describe("the domain the person is sent to", () => {
  it("is-the-custom-domain-the-person-is-on", () => {
    expect(browserDomain("acme.eu.auth0.com", "login.acme.com")).toBe("login.acme.com");
  });

  it("keeps-the-configured-port-when-the-host-is-the-configured-one", () => {
    expect(browserDomain("localhost:8443", "localhost")).toBe("localhost:8443");
  });

  it.each([
    [undefined],
    [""],
    ["evil.example/path"],
    ["evil.example:443"],
    ["a b"],
  ])("falls-back-to-AUTH0_DOMAIN-for-a-missing-or-malformed-hostname: %s", (hostname) => {
    expect(browserDomain("acme.eu.auth0.com", hostname)).toBe("acme.eu.auth0.com");
  });

  it("accepts-tokens-issued-on-either-domain", () => {
    expect(acceptedIssuers("acme.eu.auth0.com", "login.acme.com")).toEqual([
      "https://login.acme.com/",
      "https://acme.eu.auth0.com/",
    ]);
    expect(acceptedIssuers("acme.eu.auth0.com", "acme.eu.auth0.com")).toEqual([
      "https://acme.eu.auth0.com/",
    ]);
  });
});
