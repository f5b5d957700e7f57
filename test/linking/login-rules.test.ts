import { describe, expect, it } from "vitest";
import {
  checkLinkAtLogin,
  hasCompletedMfa,
  needsMfaChallenge,
} from "../../src/linking/login-rules";
import { planLinking } from "../../src/linking/plan";
import { DEFAULT_TRUST_POLICY } from "../../src/linking/trust";
import {
  APPLE,
  account,
  DATABASE,
  DATABASE_KINDS,
  GOOGLE,
  identity,
  PASSWORDLESS_EMAIL,
} from "./account-fixtures";

const victimWithMfa = account("auth0|victim", {
  mfaEnrolled: true,
  createdAt: "2023-01-01T00:00:00.000Z",
});
const passwordless = account("email|attacker", {
  connection: PASSWORDLESS_EMAIL,
  createdAt: "2025-01-01T00:00:00.000Z",
});

function linkPlan(current: typeof victimWithMfa, other: typeof victimWithMfa) {
  const main = current.identities[0];
  const plan = planLinking({
    current,
    loginConnection: { name: main?.connection ?? "", strategy: main?.provider ?? "" },
    candidates: [other],
    trust: DEFAULT_TRUST_POLICY,
    databaseKinds: DATABASE_KINDS,
    mergeAppMetadataKeys: [],
  });
  if (plan.kind !== "link") throw new Error(`expected a link plan, got ${plan.reason}`);
  return plan;
}

describe("hasCompletedMfa", () => {
  it.each([
    [[{ name: "pwd" }, { name: "mfa" }], true],
    [[{ name: "federated" }], false],
    [[], false],
    [undefined, false],
    ["mfa", false],
    [[{ name: "MFA" }], false],
  ])("reads-methods %j as %s", (methods, completed) => {
    expect(hasCompletedMfa(methods)).toBe(completed);
  });
});

describe("checkLinkAtLogin", () => {
  it("never-moves-the-session-onto-an-mfa-account-even-after-mfa", () => {
    const plan = linkPlan(passwordless, victimWithMfa);
    expect(plan.currentBecomesSecondary).toBe(true);
    for (const completedMfa of [false, true]) {
      expect(checkLinkAtLogin(plan, { completedMfa, automaticLinking: true })).toMatchObject({
        reason: "mfa_required",
      });
    }
  });

  it("lets-the-mfa-account-take-in-an-identity-at-its-own-login-that-completed-mfa", () => {
    const plan = linkPlan(victimWithMfa, passwordless);
    expect(plan.currentBecomesSecondary).toBe(false);
    expect(checkLinkAtLogin(plan, { completedMfa: true, automaticLinking: true })).toBeUndefined();
    expect(checkLinkAtLogin(plan, { completedMfa: false, automaticLinking: true })).toMatchObject({
      reason: "mfa_required",
    });
  });

  it("refuses-every-plan-at-a-login-when-automatic-linking-is-off", () => {
    const google = account("google-oauth2|g1", { connection: GOOGLE });
    const plan = linkPlan(google, account("auth0|d1", { createdAt: "2020-01-01T00:00:00.000Z" }));
    for (const completedMfa of [false, true]) {
      expect(checkLinkAtLogin(plan, { completedMfa, automaticLinking: false })).toMatchObject({
        reason: "automatic_linking_off",
      });
    }
  });

  it("leaves-plans-without-mfa-alone", () => {
    const google = account("google-oauth2|g1", { connection: GOOGLE });
    const plan = linkPlan(google, account("auth0|d1", { createdAt: "2020-01-01T00:00:00.000Z" }));
    expect(checkLinkAtLogin(plan, { completedMfa: false, automaticLinking: true })).toBeUndefined();
  });
});

describe("needsMfaChallenge", () => {
  const linked = {
    ...victimWithMfa,
    identities: [identity(DATABASE, "victim"), identity(PASSWORDLESS_EMAIL, "attacker")],
  };
  const interactive = { completedMfa: false, protocol: "oidc-basic-profile" };

  it("requires-mfa-through-a-linked-identity-of-an-mfa-user", () => {
    expect(needsMfaChallenge(linked, { ...interactive, connection: "email" })).toBe(true);
  });

  it("leaves-the-main-identity-to-the-tenant-policy", () => {
    expect(needsMfaChallenge(linked, { ...interactive, connection: DATABASE.name })).toBe(false);
  });

  it("does-not-ask-again-once-mfa-was-completed", () => {
    expect(
      needsMfaChallenge(linked, { ...interactive, completedMfa: true, connection: "email" }),
    ).toBe(false);
  });

  it("leaves-users-without-mfa-alone", () => {
    const plain = { ...linked, mfaEnrolled: false };
    expect(needsMfaChallenge(plain, { ...interactive, connection: "email" })).toBe(false);
  });

  it("leaves-refresh-token-exchanges-alone", () => {
    expect(
      needsMfaChallenge(linked, {
        completedMfa: false,
        protocol: "oauth2-refresh-token",
        connection: "email",
      }),
    ).toBe(false);
  });

  it("counts-a-login-as-linked-when-two-identities-share-the-main-connection", () => {
    const twoGoogle = {
      ...victimWithMfa,
      identities: [identity(GOOGLE, "g1"), identity(GOOGLE, "g2"), identity(APPLE, "a1")],
    };
    expect(needsMfaChallenge(twoGoogle, { ...interactive, connection: GOOGLE.name })).toBe(true);
  });

  it("counts-a-login-without-a-connection-as-linked", () => {
    expect(needsMfaChallenge(linked, { ...interactive, connection: undefined })).toBe(true);
  });
});
