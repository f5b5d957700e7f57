import { describe, expect, it } from "vitest";
import { GroundTruth, type KnownIdentity } from "../../bench/ground-truth";
import { createLoginStream, loginKinds } from "../../bench/login-stream";
import { createRandom } from "../../bench/random";
import { buildScenario } from "../../bench/scenario";
import type { StoredUser } from "../../src/local-tenant/tenant-state";

const identity = (overrides: Partial<KnownIdentity> & Pick<KnownIdentity, "providerUserId">) =>
  ({
    connection: "google-oauth2",
    strategy: "google-oauth2",
    person: 1,
    email: "person1@bench.example",
    emailVerified: true,
    ...overrides,
  }) satisfies KnownIdentity;

const userHolding = (...identities: KnownIdentity[]): StoredUser => ({
  user_id: `${identities[0]?.strategy}|${identities[0]?.providerUserId}`,
  created_at: "2024-01-01T00:00:00.000Z",
  updated_at: "2024-01-01T00:00:00.000Z",
  identities: identities.map((known) => ({
    provider: known.strategy,
    user_id: known.providerUserId,
    connection: known.connection,
    isSocial: known.strategy !== "auth0",
  })),
  app_metadata: {},
  user_metadata: {},
});

describe("ground truth", () => {
  const google = identity({ providerUserId: "g1" });
  const database = identity({ providerUserId: "d1", connection: "db", strategy: "auth0" });
  const okta = identity({ providerUserId: "o1", connection: "acme-okta", strategy: "okta" });
  const unverified = identity({ providerUserId: "d2", strategy: "auth0", emailVerified: false });
  const stranger = identity({ providerUserId: "g2", person: 2, email: "person2@bench.example" });
  const truth = new GroundTruth();
  for (const known of [google, database, okta, unverified, stranger]) truth.register(known);

  it("counts-a-link-between-verified-accounts-of-one-person-as-correct", () => {
    const tally = truth.tally([
      userHolding(database, google),
      userHolding(okta),
      userHolding(unverified),
      userHolding(stranger),
    ]);
    expect(tally).toMatchObject({
      expected: 1,
      correct: 1,
      wrong: 0,
      missed: 0,
      unknownIdentities: 0,
    });
  });

  it("counts-enterprise-unverified-and-other-people-links-as-wrong", () => {
    const tally = truth.tally([userHolding(database, google, okta, unverified, stranger)]);
    expect(tally).toMatchObject({ correct: 1, wrong: 3, missed: 0 });
  });

  it("counts-accounts-left-apart-as-missed", () => {
    const tally = truth.tally([
      userHolding(database),
      userHolding(google),
      userHolding(okta),
      userHolding(unverified),
      userHolding(stranger),
    ]);
    expect(tally).toMatchObject({ expected: 1, correct: 0, wrong: 0, missed: 1 });
    expect(truth.expectedLinks()).toBe(1);
  });
});

describe("synthetic tenant and login stream", () => {
  it("gives-both-actions-the-same-tenant-and-logins-for-one-seed", async () => {
    const first = await buildScenario({ seed: 7, users: 200 });
    const second = await buildScenario({ seed: 7, users: 200 });
    expect(second.tenant.seed).toEqual(first.tenant.seed);
    const logins = (scenario: typeof first) =>
      Array.from({ length: 1000 }, () => scenario.stream.next());
    expect(logins(second)).toEqual(logins(first));
  });

  it("registers-every-identity-a-login-uses-and-plays-every-kind", async () => {
    const { tenant, stream } = await buildScenario({ seed: 11, users: 200 });
    const logins = Array.from({ length: 2000 }, () => stream.next());
    const registered = new Set(
      tenant.truth.identities().map((known) => `${known.connection}|${known.providerUserId}`),
    );
    for (const login of logins) {
      expect(registered.has(`${login.input.connection}|${login.input.providerUserId}`)).toBe(true);
    }
    expect(new Set(logins.map((login) => login.kind))).toEqual(new Set(loginKinds));
    // Seeded people have one account each: every expected link comes from a sign-up in the stream.
    const signUpsThatShouldLink = logins.filter((login) => login.kind === "new-with-match").length;
    expect(tenant.truth.expectedLinks()).toBeGreaterThan(0);
    expect(tenant.truth.expectedLinks()).toBeLessThanOrEqual(signUpsThatShouldLink);
  });

  it("offers-only-linkable-lower-case-matches-when-asked", async () => {
    const { tenant } = await buildScenario({ seed: 3, users: 200 });
    const seeded = new Map(tenant.truth.identities().map((known) => [known.person, known]));
    const stream = createLoginStream({
      tenant,
      random: createRandom(5),
      matchesLinkableOnly: true,
    });
    for (let i = 0; i < 50; i++) {
      const login = stream.next("new-with-match");
      const existing = seeded.get(Number(/person(\d+)@/i.exec(login.input.email ?? "")?.[1]));
      expect(existing?.emailVerified).toBe(true);
      expect(existing?.email).toBe(existing?.email.toLowerCase());
    }
  });
});
