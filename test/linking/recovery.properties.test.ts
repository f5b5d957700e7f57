import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AccountSnapshot, toAccountSnapshot } from "../../src/linking/account";
import { LINK_RECORDS_KEY, type LinkRecord, wereUnlinked } from "../../src/linking/link-records";
import { type LinkPlan, planLinking } from "../../src/linking/plan";
import { PROFILE_SIZE_LIMIT_BYTES, serializedBytes } from "../../src/linking/profile-size";
import { linkRecordsPatchOf } from "../../src/linking/recovery";
import { DEFAULT_TRUST_POLICY } from "../../src/linking/trust";
import { digestValue } from "../../src/linking/value-digest";
import { profileOf } from "../../src/local-tenant/identity-linking";
import type { StoredUser } from "../../src/local-tenant/tenant-state";
import { DATABASE_KINDS } from "./account-fixtures";

type RawUser = Record<string, unknown> & {
  user_id: string;
  identities: { provider: string; user_id: string; connection: string; profileData?: unknown }[];
  user_metadata: Record<string, unknown>;
  app_metadata: Record<string, unknown>;
};

const CONNECTIONS = [
  { provider: "auth0", connection: "Username-Password-Authentication" },
  { provider: "google-oauth2", connection: "google-oauth2" },
  { provider: "apple", connection: "apple" },
  { provider: "email", connection: "email" },
];
const KEYS = ["locale", "theme", "plan", "stripe_customer_id", "loyalty_points", "roles"];

const valueArb = fc.oneof(
  // Metadata reaches the tenant as JSON, which has no -0: fast-check's jsonValue can yield -0, and
  // the stored value would then differ from the generated one for no fault of the copy.
  {
    weight: 6,
    arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.parse(JSON.stringify(value))),
  },
  { weight: 1, arbitrary: fc.constant(JSON.parse('{"a": {"constructor": {"x": 1}}}')) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 12_000 }).map((n) => "x".repeat(n)) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 9, max: 14 }).map((depth) => {
      let value: unknown = "bottom";
      for (let level = 0; level < depth; level++) value = { next: value };
      return value;
    }),
  },
);

const metadataArb = fc.dictionary(fc.constantFrom(...KEYS), valueArb, { maxKeys: 4 });

const userArb = fc.record({
  connection: fc.constantFrom(...CONNECTIONS),
  createdAt: fc.integer({ min: 1_500_000_000_000, max: 1_700_000_000_000 }),
  userMetadata: metadataArb,
  appMetadata: metadataArb,
  name: fc.string({ maxLength: 40 }),
});

type UserShape = typeof userArb extends fc.Arbitrary<infer T> ? T : never;

function toRaw(shape: UserShape, index: number): RawUser {
  const { provider, connection } = shape.connection;
  return {
    user_id: `${provider}|u${index}`,
    email: "jane@example.com",
    email_verified: true,
    name: shape.name,
    created_at: new Date(shape.createdAt).toISOString(),
    identities: [{ provider, user_id: `u${index}`, connection }],
    user_metadata: shape.userMetadata,
    app_metadata: shape.appMetadata,
  };
}

function snapshot(raw: RawUser): AccountSnapshot {
  const result = toAccountSnapshot(raw);
  if (!result.ok) throw new Error(result.reason);
  return result.account;
}

const tenantArb = fc
  .record({
    shapes: fc.array(userArb, { minLength: 2, maxLength: 4 }),
    currentIndex: fc.nat(),
    mergeAppMetadataKeys: fc.subarray(KEYS),
    // Pairs an administrator unlinked, marked on one side.
    unlinkedPairs: fc.array(fc.tuple(fc.nat(3), fc.nat(3)), { maxLength: 2 }),
  })
  .map(({ shapes, currentIndex, mergeAppMetadataKeys, unlinkedPairs }) => {
    const users = shapes.map(toRaw);
    for (const [a, b] of unlinkedPairs) {
      const marked = users[a % users.length] as RawUser;
      const other = users[b % users.length] as RawUser;
      if (marked === other) continue;
      marked.app_metadata[LINK_RECORDS_KEY] = { v: 1, links: [], unlinked: [other.user_id] };
    }
    const current = users[currentIndex % users.length] as RawUser;
    return { users, current, mergeAppMetadataKeys };
  });

type Tenant = typeof tenantArb extends fc.Arbitrary<infer T> ? T : never;
type LinkingPlan = Extract<LinkPlan, { kind: "link" }>;

function plan({ users, current, mergeAppMetadataKeys }: Tenant): LinkPlan {
  return planLinking({
    current: snapshot(current),
    loginConnection: {
      name: current.identities[0]?.connection ?? "",
      strategy: current.identities[0]?.provider ?? "",
    },
    candidates: users.filter((user) => user !== current).map(snapshot),
    trust: DEFAULT_TRUST_POLICY,
    databaseKinds: DATABASE_KINDS,
    mergeAppMetadataKeys,
  });
}

// The primary as Auth0 stores it once the plan is applied: carried keys, the records, and each
// secondary's identity with its profile.
function linkedPrimary(linking: LinkingPlan, users: RawUser[]): Record<string, unknown> & RawUser {
  const raw = users.find((user) => user.user_id === linking.primary.userId) as RawUser;
  const secondaries = linking.links.map(
    (link) => users.find((user) => user.user_id === link.secondaryUserId) as RawUser,
  );
  return {
    ...raw,
    user_metadata: { ...raw.user_metadata, ...linking.metadataCarry.userMetadata },
    app_metadata: {
      ...raw.app_metadata,
      ...linking.metadataCarry.appMetadata,
      ...linkRecordsPatchOf(linking.recovery, new Date().toISOString()),
    },
    identities: [
      ...raw.identities,
      ...secondaries.map((secondary) => ({
        ...(secondary.identities[0] as RawUser["identities"][number]),
        profileData: profileOf(secondary as unknown as StoredUser),
      })),
    ],
  };
}

function whenLinking(check: (linking: LinkingPlan, tenant: Tenant) => void) {
  return fc.property(tenantArb, (tenant) => {
    const planned = plan(tenant);
    fc.pre(planned.kind === "link");
    check(planned as LinkingPlan, tenant);
  });
}

function recordOf(linking: LinkingPlan, secondaryId: string): LinkRecord {
  const record = linking.recovery.records.find((candidate) => candidate.secondary === secondaryId);
  if (!record) throw new Error(`no record for ${secondaryId}`);
  return { at: "", ...record };
}

describe("recoverable copies", () => {
  it("keeps-every-key-of-every-secondary-in-the-primary-or-in-the-copy", () => {
    fc.assert(
      whenLinking((linking, { users }) => {
        const primary = linkedPrimary(linking, users);
        for (const link of linking.links) {
          const secondary = users.find((user) => user.user_id === link.secondaryUserId) as RawUser;
          const record = recordOf(linking, secondary.user_id);
          for (const field of ["user_metadata", "app_metadata"] as const) {
            for (const [key, value] of Object.entries(secondary[field])) {
              const carriedVerbatim =
                record.carried[field][key] === digestValue(value) &&
                isDeepStrictEqual(primary[field][key], value);
              const copied =
                record.copy.in === "app_metadata" &&
                isDeepStrictEqual(record.copy[field][key], value);
              expect(carriedVerbatim || copied, `${secondary.user_id} ${field}.${key}`).toBe(true);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps-the-linked-primary-within-the-profile-size-limit-or-refuses", () => {
    let refused = 0;
    fc.assert(
      fc.property(tenantArb, (tenant) => {
        const planned = plan(tenant);
        if (planned.kind === "skip") {
          if (planned.reason === "copy_over_budget") refused++;
          return;
        }
        expect(serializedBytes(linkedPrimary(planned, tenant.users))).toBeLessThanOrEqual(
          planned.recovery.projectedProfileBytes,
        );
        expect(planned.recovery.projectedProfileBytes).toBeLessThanOrEqual(
          PROFILE_SIZE_LIMIT_BYTES,
        );
      }),
      { numRuns: 300 },
    );
    // The generator makes values up to 12 kB: some plans must meet the limit.
    expect(refused).toBeGreaterThan(0);
  });

  it("never-puts-two-accounts-an-administrator-unlinked-in-one-user", () => {
    fc.assert(
      whenLinking((linking, { users }) => {
        const group = [
          linking.primary,
          ...linking.links.map((link) =>
            snapshot(users.find((user) => user.user_id === link.secondaryUserId) as RawUser),
          ),
        ];
        for (const a of group) {
          for (const b of group) expect(wereUnlinked(a, b)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
