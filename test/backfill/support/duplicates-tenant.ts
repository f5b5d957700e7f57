import { createWriteStream } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { expect } from "vitest";
import { hashEmail } from "../../../src/linking/email-hash";
import { loadDemoSeed } from "../../../src/local-tenant/local-tenant";
import type {
  StoredUser,
  TenantSeed,
  TenantState,
  UserIdentity,
} from "../../../src/local-tenant/tenant-state";
import { linkingAction } from "../../local-tenant/management-api/harness";

const connections = {
  auth0: "Username-Password-Authentication",
  "google-oauth2": "google-oauth2",
  apple: "apple",
  email: "email",
  okta: "acme-okta",
} as const;
type Provider = keyof typeof connections;

function identity(provider: Provider, id: string): UserIdentity {
  return {
    provider,
    user_id: id,
    connection: connections[provider],
    isSocial: provider !== "auth0" && provider !== "email" && provider !== "okta",
  };
}

interface AccountSpec {
  provider: Provider;
  id: string;
  email: string;
  verified?: boolean;
  createdAt: string;
  userMetadata?: Record<string, unknown>;
  appMetadata?: Record<string, unknown>;
  /** Identities already linked into this account. */
  linked?: [Provider, string][];
  extra?: Record<string, unknown>;
}

export function account(spec: AccountSpec): StoredUser {
  return {
    user_id: `${spec.provider}|${spec.id}`,
    email: spec.email,
    email_verified: spec.verified ?? true,
    created_at: spec.createdAt,
    updated_at: spec.createdAt,
    identities: [
      identity(spec.provider, spec.id),
      ...(spec.linked ?? []).map(([p, id]) => identity(p, id)),
    ],
    user_metadata: spec.userMetadata ?? {},
    app_metadata: spec.appMetadata ?? {},
    logins_count: 1,
    ...spec.extra,
  };
}

/** The address of each group, so tests can find its line in plan.jsonl by the keyed hash. */
export const addresses = {
  jane: "jane@example.com",
  sam: "sam@example.com",
  trio: "trio@example.com",
  unverified: "unverified@example.com",
  untrusted: "untrusted@example.com",
  zoe: "zoe@example.com",
  zoeLookalike: "zoe@ex\u0430mple.com",
  ambiguous: "ambiguous@example.com",
} as const;

export const ids = {
  janeDb: "auth0|jane-db",
  janeGoogle: "google-oauth2|jane-google",
  samDb: "auth0|sam-db",
  samGoogle: "google-oauth2|sam-google",
  trioDb: "auth0|trio-db",
  trioGoogle: "google-oauth2|trio-google",
  trioApple: "apple|trio-apple",
  unverifiedDb: "auth0|unverified-db",
  unverifiedGoogle: "google-oauth2|unverified-google",
  untrustedDb: "auth0|untrusted-db",
  untrustedOkta: "okta|untrusted-okta",
  zoeDb: "auth0|zoe-db",
  zoeGoogle: "google-oauth2|zoe-google",
  zoeLookalike: "apple|zoe-lookalike",
  ambiguousDb: "auth0|ambiguous-db",
  ambiguousGoogle: "google-oauth2|ambiguous-google",
} as const;

/**
 * Groups a backfill must link, and traps it must leave apart, each with a control beside it.
 */
export function duplicateUsers(): StoredUser[] {
  return [
    account({
      provider: "auth0",
      id: "jane-db",
      email: addresses.jane,
      createdAt: "2023-01-01T00:00:00.000Z",
      userMetadata: { theme: "dark" },
    }),
    account({
      provider: "google-oauth2",
      id: "jane-google",
      email: addresses.jane,
      createdAt: "2024-01-01T00:00:00.000Z",
      userMetadata: { locale: "en", theme: "light" },
    }),
    // Stored with capitals by the social provider: found only under that form.
    account({
      provider: "google-oauth2",
      id: "sam-google",
      email: "Sam@Example.com",
      createdAt: "2022-06-01T00:00:00.000Z",
    }),
    account({
      provider: "auth0",
      id: "sam-db",
      email: addresses.sam,
      createdAt: "2023-06-01T00:00:00.000Z",
    }),
    account({
      provider: "auth0",
      id: "trio-db",
      email: addresses.trio,
      createdAt: "2021-01-01T00:00:00.000Z",
    }),
    account({
      provider: "google-oauth2",
      id: "trio-google",
      email: addresses.trio,
      createdAt: "2022-01-01T00:00:00.000Z",
    }),
    account({
      provider: "apple",
      id: "trio-apple",
      email: addresses.trio,
      createdAt: "2023-01-01T00:00:00.000Z",
    }),
    account({
      provider: "auth0",
      id: "unverified-db",
      email: addresses.unverified,
      verified: false,
      createdAt: "2021-01-01T00:00:00.000Z",
    }),
    account({
      provider: "google-oauth2",
      id: "unverified-google",
      email: addresses.unverified,
      createdAt: "2022-01-01T00:00:00.000Z",
    }),
    account({
      provider: "auth0",
      id: "untrusted-db",
      email: addresses.untrusted,
      createdAt: "2022-01-01T00:00:00.000Z",
    }),
    account({
      provider: "okta",
      id: "untrusted-okta",
      email: addresses.untrusted,
      createdAt: "2021-01-01T00:00:00.000Z",
    }),
    account({
      provider: "auth0",
      id: "zoe-db",
      email: addresses.zoe,
      createdAt: "2021-01-01T00:00:00.000Z",
    }),
    // The control: the same address in other ASCII case links.
    account({
      provider: "google-oauth2",
      id: "zoe-google",
      email: "Zoe@Example.com",
      createdAt: "2022-01-01T00:00:00.000Z",
    }),
    // The trap: a Cyrillic "а" makes another address.
    account({
      provider: "apple",
      id: "zoe-lookalike",
      email: addresses.zoeLookalike,
      createdAt: "2020-01-01T00:00:00.000Z",
    }),
    account({
      provider: "auth0",
      id: "ambiguous-db",
      email: addresses.ambiguous,
      createdAt: "2021-01-01T00:00:00.000Z",
      linked: [["apple", "ambiguous-apple"]],
    }),
    account({
      provider: "google-oauth2",
      id: "ambiguous-google",
      email: addresses.ambiguous,
      createdAt: "2022-01-01T00:00:00.000Z",
      linked: [["email", "ambiguous-email"]],
    }),
    account({
      provider: "auth0",
      id: "single",
      email: "single@example.com",
      createdAt: "2021-01-01T00:00:00.000Z",
    }),
  ];
}

export async function seedWith(users: StoredUser[]): Promise<TenantSeed> {
  return { ...(await loadDemoSeed({ withUsers: false })), users };
}

/** The keyed hash plan.jsonl names a group by, as the Action logs it. */
export function groupHash(email: string): string {
  return hashEmail(email, linkingAction.clientSecret);
}

/** A users-export file as Auth0 makes it: gzipped NDJSON, one user per line. */
export async function writeExportFile(users: readonly StoredUser[], dir?: string): Promise<string> {
  const folder = dir ?? (await mkdtemp(join(tmpdir(), "backfill-export-")));
  const path = join(folder, "export.json.gz");
  await pipeline(
    users.map((user) => `${JSON.stringify(user)}\n`),
    createGzip(),
    createWriteStream(path),
  );
  return path;
}

export function identitiesOf(state: TenantState, userId: string): string[] {
  return (state.getUser(userId)?.identities ?? []).map(
    (identity) => `${identity.provider}|${identity.user_id}`,
  );
}

/** Every linkable group of `duplicateUsers()` is one user, its metadata carried. */
export function expectLinkableGroupsLinked(state: TenantState): void {
  expect(identitiesOf(state, ids.janeDb)).toEqual([ids.janeDb, ids.janeGoogle]);
  // The account stored in lower case is the primary: every login of the person can find it.
  expect(identitiesOf(state, ids.samDb)).toEqual([ids.samDb, ids.samGoogle]);
  expect(identitiesOf(state, ids.trioDb)).toEqual([ids.trioDb, ids.trioGoogle, ids.trioApple]);
  expect(identitiesOf(state, ids.zoeDb)).toEqual([ids.zoeDb, ids.zoeGoogle]);
  // The primary's values win; the keys it lacked come over before the link discards them.
  expect(state.getUser(ids.janeDb)?.user_metadata).toEqual({ theme: "dark", locale: "en" });
}

/** A run's journal.jsonl in `out`, one parsed object a line. */
export async function journalOf(out: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(out, "journal.jsonl"), "utf8");
  return text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The seed with `scope` taken out of every client's grants. */
export function withoutScope(seed: TenantSeed, scope: string): TenantSeed {
  return {
    ...seed,
    clients: seed.clients.map((client) => ({
      ...client,
      grants: client.grants.map((grant) => ({
        ...grant,
        scope: grant.scope.filter((granted) => granted !== scope),
      })),
    })),
  };
}
