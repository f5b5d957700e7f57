import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AccountSnapshot } from "../../src/linking/account";
import { sameAddress } from "../../src/linking/email";
import { MARKER_KEY } from "../../src/linking/marker";
import { type LinkPlan, type PlanInput, planLinking } from "../../src/linking/plan";
import { type DatabaseKinds, isTrustedConnection, type TrustPolicy } from "../../src/linking/trust";
import {
  APPLE,
  type Connection,
  DATABASE,
  ENTRA,
  GITHUB,
  GOOGLE,
  identity,
  LEGACY_DATABASE,
  PASSWORDLESS_EMAIL,
  SAML,
} from "./account-fixtures";

const CONNECTIONS = [
  DATABASE,
  GOOGLE,
  APPLE,
  PASSWORDLESS_EMAIL,
  GITHUB,
  SAML,
  ENTRA,
  LEGACY_DATABASE,
];
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const APP_METADATA_KEYS = ["plan", "roles", "locale", MARKER_KEY];

const asciiCaseVariant = (address: string) =>
  fc
    .array(fc.boolean(), { minLength: address.length, maxLength: address.length })
    .map((upper) =>
      [...address].map((char, index) => (upper[index] ? char.toUpperCase() : char)).join(""),
    );

const emailArb = fc.oneof(
  { weight: 6, arbitrary: asciiCaseVariant("jane@example.com") },
  { weight: 2, arbitrary: asciiCaseVariant("bob@example.org") },
  {
    weight: 1,
    arbitrary: fc.constantFrom("j\u0430ne@example.com", "jane+1@example.com", " jane@example.com"),
  },
);

function weighted<T>(often: fc.Arbitrary<T>, rarely: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ weight: 4, arbitrary: often }, { weight: 1, arbitrary: rarely });
}

const TRUSTED_BY_DEFAULT = [DATABASE, GOOGLE, APPLE, PASSWORDLESS_EMAIL];
const UNTRUSTED_BY_DEFAULT = [GITHUB, SAML, ENTRA, LEGACY_DATABASE];

const connectionsArb = fc
  .tuple(
    weighted(fc.constantFrom(...TRUSTED_BY_DEFAULT), fc.constantFrom(...UNTRUSTED_BY_DEFAULT)),
    weighted(
      fc.constant<Connection[]>([]),
      fc.array(fc.constantFrom(...CONNECTIONS), { minLength: 1, maxLength: 2 }),
    ),
  )
  .map(([main, others]) => [main, ...others]);

const createdAtArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .integer({ min: 1_500_000_000_000, max: 1_600_000_000_000 })
      .map((ms) => new Date(ms).toISOString()),
  },
  { weight: 2, arbitrary: fc.constantFrom("2020-01-01T00:00:00.000Z", "2021-01-01T00:00:00.000Z") },
  { weight: 1, arbitrary: fc.constantFrom(undefined, "not a date") },
);

const metadataArb = fc
  .array(
    fc.tuple(
      fc.constantFrom("locale", "theme", "plan", "roles", "__proto__", "constructor", MARKER_KEY),
      fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        fc.constant(JSON.parse('{"nested": {"__proto__": {"polluted": true}}}')),
      ),
    ),
    { maxLength: 4 },
  )
  .map((entries) => {
    const metadata: Record<string, unknown> = {};
    for (const [key, value] of entries) {
      Object.defineProperty(metadata, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return metadata;
  });

const accountShapeArb = fc.record({
  email: fc.option(emailArb, { nil: undefined, freq: 20 }),
  emailVerified: weighted(fc.constant(true), fc.constant(false)),
  createdAt: createdAtArb,
  connections: weighted(connectionsArb, fc.constant<Connection[]>([])),
  userMetadata: metadataArb,
  appMetadata: metadataArb,
  blocked: weighted(fc.constant(false), fc.constant(true)),
  mfaEnrolled: weighted(fc.constant(false), fc.constant(true)),
});

type AccountShape = typeof accountShapeArb extends fc.Arbitrary<infer T> ? T : never;

function toAccount(shape: AccountShape, index: number): AccountSnapshot {
  const main = shape.connections[0] ?? DATABASE;
  const userId = `${main.strategy}|u${index}`;
  const account: AccountSnapshot = {
    userId,
    emailVerified: shape.emailVerified,
    identities: shape.connections.map((connection, k) => identity(connection, `u${index}-${k}`)),
    userMetadata: shape.userMetadata,
    appMetadata: shape.appMetadata,
    blocked: shape.blocked,
    mfaEnrolled: shape.mfaEnrolled,
  };
  if (shape.email !== undefined) account.email = shape.email;
  if (shape.createdAt !== undefined) account.createdAt = shape.createdAt;
  return account;
}

const trustArb: fc.Arbitrary<TrustPolicy> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<TrustPolicy>({ kind: "default" }) },
  {
    weight: 1,
    arbitrary: fc
      .subarray(CONNECTIONS.map((connection) => connection.name))
      .map((names): TrustPolicy => ({ kind: "listed", connections: new Set(names) })),
  },
);

// Either database connection may be described as either kind, listed without its options (a
// token without read:connections_options), or not at all (nobody could tell).
const databaseKindsArb: fc.Arbitrary<DatabaseKinds> = fc
  .record(
    {
      [DATABASE.name]: weighted(
        fc.constant("built_in" as const),
        fc.constantFrom("custom" as const, "options_withheld" as const),
      ),
      [LEGACY_DATABASE.name]: weighted(
        fc.constant("custom" as const),
        fc.constantFrom("built_in" as const, "options_withheld" as const),
      ),
    },
    { requiredKeys: [] },
  )
  .map((kinds) => kinds as DatabaseKinds);

interface Scenario {
  tenant: AccountSnapshot[];
  input: PlanInput;
  shuffledCandidates: AccountSnapshot[];
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    shapes: fc.array(accountShapeArb, { minLength: 1, maxLength: 8 }),
    currentIndex: fc.nat(),
    loginOverride: weighted(fc.constant(undefined), fc.constantFrom(...CONNECTIONS)),
    trust: trustArb,
    databaseKinds: weighted(databaseKindsArb, fc.constant<DatabaseKinds>({})),
    mergeAppMetadataKeys: fc.subarray(APP_METADATA_KEYS),
    shuffleKeys: fc.array(fc.double({ noNaN: true }), { minLength: 8, maxLength: 8 }),
    // Lookups by the address as given and lower-cased can both return the current user.
    currentInCandidates: fc.boolean(),
  })
  .map(
    ({
      shapes,
      currentIndex,
      loginOverride,
      trust,
      databaseKinds,
      mergeAppMetadataKeys,
      shuffleKeys,
      currentInCandidates,
    }) => {
      const tenant = shapes.map(toAccount);
      const current = tenant[currentIndex % tenant.length] as AccountSnapshot;
      const candidates = tenant.filter(
        (account) => currentInCandidates || account.userId !== current.userId,
      );
      const shuffledCandidates = candidates
        .map((account, index) => ({ account, key: shuffleKeys[index] ?? 0 }))
        .sort((a, b) => a.key - b.key)
        .map(({ account }) => account);
      const login = loginOverride ?? loginConnectionOf(current);
      return {
        tenant,
        input: {
          current,
          loginConnection: login,
          candidates,
          trust,
          databaseKinds,
          mergeAppMetadataKeys,
        },
        shuffledCandidates,
      };
    },
  );

function loginConnectionOf(account: AccountSnapshot): Connection {
  const main = account.identities[0];
  return main === undefined ? DATABASE : { name: main.connection, strategy: main.provider };
}

function isTrustedMainIdentity(
  account: AccountSnapshot,
  trust: TrustPolicy,
  databaseKinds: DatabaseKinds,
): boolean {
  const main = account.identities[0];
  return (
    main !== undefined &&
    isTrustedConnection({ name: main.connection, provider: main.provider }, trust, databaseKinds)
  );
}

function linkedAccounts(plan: Extract<LinkPlan, { kind: "link" }>, tenant: AccountSnapshot[]) {
  const secondaryIds = new Set(plan.links.map((link) => link.secondaryUserId));
  return tenant.filter((account) => secondaryIds.has(account.userId));
}

function applyPlan(plan: Extract<LinkPlan, { kind: "link" }>, tenant: AccountSnapshot[]) {
  const secondaries = linkedAccounts(plan, tenant);
  const mergedPrimary: AccountSnapshot = {
    ...plan.primary,
    identities: [
      ...plan.primary.identities,
      ...secondaries.flatMap((account) => account.identities),
    ],
    userMetadata: { ...plan.primary.userMetadata, ...plan.metadataCarry.userMetadata },
    appMetadata: { ...plan.primary.appMetadata, ...plan.metadataCarry.appMetadata },
  };
  const remaining = tenant
    .filter((account) => !secondaries.includes(account))
    .map((account) => (account.userId === mergedPrimary.userId ? mergedPrimary : account));
  return { mergedPrimary, remaining };
}

function keysAtAnyDepth(value: unknown): string[] {
  if (typeof value !== "object" || value === null) {
    return [];
  }
  return Object.keys(value).flatMap((key) => [
    key,
    ...keysAtAnyDepth((value as Record<string, unknown>)[key]),
  ]);
}

// Only link plans carry these properties; fc.pre makes every counted run one of them.
function whenLinking(
  check: (plan: Extract<LinkPlan, { kind: "link" }>, scenario: Scenario) => void,
) {
  return fc.property(scenarioArb, (scenario) => {
    const plan = planLinking(scenario.input);
    fc.pre(plan.kind === "link");
    check(plan, scenario);
  });
}

describe("planLinking properties", () => {
  it("never-links-an-unverified-untrusted-or-other-address-account", () => {
    fc.assert(
      whenLinking((plan, { tenant, input }) => {
        const { current, trust, loginConnection, databaseKinds } = input;
        expect(current.emailVerified).toBe(true);
        expect(isTrustedConnection(loginConnection, trust, databaseKinds)).toBe(true);
        for (const account of [plan.primary, ...linkedAccounts(plan, tenant)]) {
          expect(account.emailVerified).toBe(true);
          expect(isTrustedMainIdentity(account, trust, databaseKinds)).toBe(true);
          expect(sameAddress(account.email ?? "", current.email ?? "")).toBe(true);
        }
      }),
    );
  });

  it("never-includes-a-blocked-account-on-either-side", () => {
    fc.assert(
      whenLinking((plan, { tenant, input }) => {
        expect(input.current.blocked).toBe(false);
        for (const account of [plan.primary, ...linkedAccounts(plan, tenant)]) {
          expect(account.blocked).toBe(false);
        }
      }),
    );
  });

  it("never-makes-an-mfa-enrolled-account-the-secondary-of-one-without", () => {
    fc.assert(
      whenLinking((plan, { tenant }) => {
        const secondaries = linkedAccounts(plan, tenant);
        if (!plan.primary.mfaEnrolled) {
          expect(secondaries.filter((account) => account.mfaEnrolled)).toEqual([]);
        }
        expect(
          [plan.primary, ...secondaries].filter((account) => account.mfaEnrolled).length,
        ).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("never-links-a-custom-undescribed-or-options-withheld-database-unless-listed", () => {
    fc.assert(
      whenLinking((plan, { tenant, input }) => {
        if (input.trust.kind === "listed") return;
        for (const account of [plan.primary, ...linkedAccounts(plan, tenant)]) {
          const main = account.identities[0];
          if (main?.provider === "auth0") {
            expect(input.databaseKinds[main.connection]).toBe("built_in");
          }
        }
      }),
    );
  });

  it("does-not-depend-on-the-order-candidates-arrive-in", () => {
    fc.assert(
      fc.property(scenarioArb, ({ input, shuffledCandidates }) => {
        expect(planLinking({ ...input, candidates: shuffledCandidates })).toEqual(
          planLinking(input),
        );
      }),
    );
  });

  it("links-everything-under-one-primary-that-is-never-a-secondary", () => {
    fc.assert(
      whenLinking((plan, { tenant }) => {
        const secondaryIds = plan.links.map((link) => link.secondaryUserId);
        expect(plan.links.length).toBeGreaterThan(0);
        expect(new Set(secondaryIds).size).toBe(secondaryIds.length);
        expect(secondaryIds).not.toContain(plan.primary.userId);
        expect(linkedAccounts(plan, tenant)).toHaveLength(secondaryIds.length);
        expect(plan.eligibleCandidates).toBe(plan.links.length);
        // Whether Auth0 links a secondary that has several identities is unconfirmed.
        for (const secondary of linkedAccounts(plan, tenant)) {
          expect(secondary.identities).toHaveLength(1);
        }
      }),
    );
  });

  it("links-a-secondary-through-its-main-identity", () => {
    fc.assert(
      whenLinking((plan, { tenant }) => {
        for (const link of plan.links) {
          const secondary = tenant.find((account) => account.userId === link.secondaryUserId);
          const main = secondary?.identities[0];
          expect(main).toEqual({
            provider: link.provider,
            providerUserId: link.providerUserId,
            connection: link.connection,
          });
        }
      }),
    );
  });

  it("puts-the-current-user-in-the-plan-as-primary-or-secondary", () => {
    fc.assert(
      whenLinking((plan, { input }) => {
        const currentId = input.current.userId;
        const isPrimary = plan.primary.userId === currentId;
        const isSecondary = plan.links.some((link) => link.secondaryUserId === currentId);
        expect(isPrimary !== isSecondary).toBe(true);
        expect(plan.currentBecomesSecondary).toBe(isSecondary);
      }),
    );
  });

  it("plans-nothing-more-once-the-plan-is-applied", () => {
    fc.assert(
      whenLinking((plan, { tenant, input }) => {
        const { mergedPrimary, remaining } = applyPlan(plan, tenant);
        for (const login of mergedPrimary.identities) {
          const again = planLinking({
            ...input,
            current: mergedPrimary,
            loginConnection: { name: login.connection, strategy: login.provider },
            candidates: remaining,
          });
          expect(again.kind).toBe("skip");
        }
        const viaMainIdentity = planLinking({
          ...input,
          current: mergedPrimary,
          loginConnection: loginConnectionOf(mergedPrimary),
          candidates: remaining,
        });
        expect(viaMainIdentity).toMatchObject({ kind: "skip", reason: "no_candidates" });
      }),
    );
  });

  it("never-overwrites-a-primary-key-nor-carries-a-forbidden-or-unsafe-key", () => {
    fc.assert(
      whenLinking((plan, { input }) => {
        const { userMetadata, appMetadata } = plan.metadataCarry;
        for (const key of Object.keys(userMetadata)) {
          expect(Object.hasOwn(plan.primary.userMetadata, key)).toBe(false);
        }
        for (const key of Object.keys(appMetadata)) {
          expect(Object.hasOwn(plan.primary.appMetadata, key)).toBe(false);
          expect(input.mergeAppMetadataKeys).toContain(key);
          expect(key).not.toBe(MARKER_KEY);
        }
        for (const key of keysAtAnyDepth({ userMetadata, appMetadata })) {
          expect(PROTOTYPE_KEYS.has(key)).toBe(false);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
    );
  });
});
