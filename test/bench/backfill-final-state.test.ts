import { describe, expect, it } from "vitest";
import { BackfillTruth } from "../../bench/backfill/ground-truth";
import { describeField, type KillResumeFigures } from "../../bench/backfill/phases/kill-resume";
import { killResumeSection } from "../../bench/backfill/report/markdown";
import { finalState, stateDifferences } from "../../bench/backfill/tenant-digest";
import { buildMarker, markerEmailHash } from "../../src/linking/marker";
import type { StoredUser } from "../../src/local-tenant/tenant-state";

const email = "jane@example.com";

// A primary as a backfill leaves it on the tenant at `domain`, its records and marker written
// at `at`; `change` alters it after that.
function linkedPrimary(domain: string, at: string, change: (user: StoredUser) => void = () => {}) {
  const user: StoredUser = {
    user_id: "auth0|jane",
    email,
    email_verified: true,
    name: email,
    created_at: "2021-01-01T00:00:00.000Z",
    updated_at: at,
    identities: [
      { provider: "auth0", user_id: "jane", connection: "db", isSocial: false },
      {
        provider: "apple",
        user_id: "jane-apple",
        connection: "apple",
        isSocial: true,
        profileData: { email },
      },
    ],
    user_metadata: { theme: "dark" },
    app_metadata: {
      account_links: {
        v: 1,
        links: [
          {
            at,
            path: "backfill",
            rules: 1,
            primary: "auth0|jane",
            secondary: "apple|jane-apple",
            provider: "apple",
            provider_user_id: "jane-apple",
            carried: { user_metadata: {}, app_metadata: {} },
            copy: {
              in: "app_metadata",
              user_metadata: { at: "the secondary's own value" },
              app_metadata: {},
            },
          },
        ],
        unlinked: [],
      },
      account_linking: buildMarker(markerEmailHash(email, domain), at),
    },
    logins_count: 3,
  };
  change(user);
  return user;
}

const uninterrupted = (change?: (user: StoredUser) => void) =>
  finalState([linkedPrimary("a.example", "2026-01-01T00:00:00.000Z", change)], "a.example");
const resumed = (change?: (user: StoredUser) => void) =>
  finalState([linkedPrimary("b.example", "2026-02-02T00:00:00.000Z", change)], "b.example");

describe("the kill-and-resume comparison", () => {
  it("leaves out only the write times and the tenant's key in the marker", () => {
    // Records and marker written at other times, each marker hashed for its own tenant.
    expect(stateDifferences(uninterrupted(), resumed())).toEqual([]);
  });

  it("names the user and the field of a missing marker, beyond the audit records", () => {
    const differences = stateDifferences(
      uninterrupted(),
      resumed((user) => {
        delete user.app_metadata.account_linking;
      }),
    );
    expect(differences).toEqual([
      {
        user: "auth0|jane",
        auditRecordsOnly: false,
        fields: [
          {
            field: "app_metadata.account_linking",
            uninterrupted: { v: 1, email_hash_right: true },
          },
        ],
      },
    ]);
    expect(describeField(differences[0]?.fields[0] ?? { field: "" })).toBe(
      'app_metadata.account_linking: uninterrupted {"v":1,"email_hash_right":true}, resumed (absent)',
    );
  });

  it("names each field inside an audit record, and an `at` key of the person's is compared", () => {
    const differences = stateDifferences(
      uninterrupted(),
      resumed((user) => {
        const records = user.app_metadata.account_links as {
          links: { carried: { user_metadata: Record<string, string> }; copy: unknown }[];
        };
        const [record] = records.links;
        if (!record) throw new Error("no record");
        record.carried.user_metadata = { theme: "digest" };
        record.copy = { in: "app_metadata", user_metadata: { at: "another" }, app_metadata: {} };
      }),
    );
    expect(differences).toEqual([
      {
        user: "auth0|jane",
        auditRecordsOnly: true,
        fields: [
          {
            field: "app_metadata.account_links.links[0].carried.user_metadata.theme",
            resumed: "digest",
          },
          {
            field: "app_metadata.account_links.links[0].copy.user_metadata.at",
            uninterrupted: "the secondary's own value",
            resumed: "another",
          },
        ],
      },
    ]);
  });

  it("reads a record stored under a root key of its own the same way", () => {
    // Each record under its own key, as concurrent links need: moved there from account_links.
    const ownKey = (user: StoredUser) => {
      const { links } = user.app_metadata.account_links as { links: Record<string, unknown>[] };
      delete user.app_metadata.account_links;
      user.app_metadata.account_link_0a1b = { ...links[0] };
    };
    expect(stateDifferences(uninterrupted(ownKey), resumed(ownKey))).toEqual([]);
    const differences = stateDifferences(
      uninterrupted(ownKey),
      resumed((user) => {
        ownKey(user);
        (user.app_metadata.account_link_0a1b as Record<string, unknown>).copy = { in: "none" };
      }),
    );
    expect(differences.map((difference) => difference.auditRecordsOnly)).toEqual([true]);
    expect(differences[0]?.fields.map((field) => field.field)).toEqual([
      "app_metadata.account_link_0a1b.copy.app_metadata",
      "app_metadata.account_link_0a1b.copy.in",
      "app_metadata.account_link_0a1b.copy.user_metadata",
    ]);
  });

  it("names a user left by one run only, and redacts addresses in ids, paths and values", () => {
    const saml = (user: StoredUser) => {
      user.user_id = "samlp|acme|jane@corp.example";
      user.user_metadata = { "backup@corp.example": true };
    };
    const differences = stateDifferences(
      finalState(
        [
          linkedPrimary("a.example", "2026-01-01T00:00:00.000Z"),
          linkedPrimary("a.example", "2026-01-01T00:00:00.000Z", saml),
        ],
        "a.example",
      ),
      resumed((user) => {
        user.name = "jane.doe@example.com";
      }),
    );
    const hashed = expect.stringMatching(/^email:[0-9a-f]{16}$/);
    expect(differences).toEqual([
      {
        user: "auth0|jane",
        auditRecordsOnly: false,
        fields: [{ field: "name", uninterrupted: hashed, resumed: hashed }],
      },
      {
        user: expect.stringMatching(/^samlp\|acme\|email:[0-9a-f]{16}$/),
        auditRecordsOnly: false,
        fields: [{ field: "(the user)", uninterrupted: "exists" }],
      },
    ]);
    // Two addresses stay two.
    const [name] = differences[0]?.fields ?? [];
    expect(name?.uninterrupted).not.toBe(name?.resumed);
    expect(JSON.stringify(differences)).not.toContain("@");
  });
});

describe("the kill-and-resume report", () => {
  const run = (
    number: number,
    differences: KillResumeFigures["differences"],
  ): KillResumeFigures => ({
    run: number,
    kills: [{ afterJournalLines: 10, afterSeconds: 1, killed: true, exitCode: null }],
    finalExitCode: 0,
    differingUsers: differences.length,
    differingUsersBesideAuditRecords: differences.filter((d) => !d.auditRecordsOnly).length,
    differences,
    sameFinalState: differences.length === 0,
    linkRequests: 1,
    linkConflicts: 0,
    tally: new BackfillTruth().tally([]),
  });

  it("lists every differing user and field of every run, one table row each", () => {
    const differences = stateDifferences(
      uninterrupted(),
      resumed((user) => {
        delete user.app_metadata.account_linking;
        user.user_metadata = { theme: "light" };
      }),
    );
    const markdown = killResumeSection([run(1, []), run(2, differences), run(3, differences)]).join(
      "\n",
    );
    const rows = markdown.split("\n").filter((line) => line.includes("auth0\\|jane"));
    expect(rows).toEqual([
      '| 2 | `auth0\\|jane` | app_metadata.account_linking: uninterrupted {"v":1,"email_hash_right":true}, resumed (absent) |',
      '| 2 | `auth0\\|jane` | user_metadata.theme: uninterrupted "dark", resumed "light" |',
      '| 3 | `auth0\\|jane` | app_metadata.account_linking: uninterrupted {"v":1,"email_hash_right":true}, resumed (absent) |',
      '| 3 | `auth0\\|jane` | user_metadata.theme: uninterrupted "dark", resumed "light" |',
    ]);
    expect(markdown).toContain("| 2 | 10 (1 s) | 0 | 1 (1) | 1 (0) | 0 / 0 / 0 |");
  });

  it("says so when every run ended identical", () => {
    expect(killResumeSection([run(1, []), run(2, [])])).toContain(
      "Every run left the same final state as the uninterrupted run.",
    );
  });
});
