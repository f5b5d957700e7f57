import type { Connection, StoredUser, TenantSeed } from "../src/local-tenant/tenant-state";
import { GroundTruth, type KnownIdentity } from "./ground-truth";
import type { Random } from "./random";

export const benchConnections = {
  database: "Username-Password-Authentication",
  google: "google-oauth2",
  apple: "apple",
  passwordless: "email",
  okta: "acme-okta",
  entra: "contoso-entra",
} as const;

export type BenchConnection = (typeof benchConnections)[keyof typeof benchConnections];

// The mix of a consumer tenant that grew over a few years: mostly passwords and Google, a few
// enterprise users from customers' directories.
const existingAccountConnections: readonly (readonly [BenchConnection, number])[] = [
  [benchConnections.database, 50],
  [benchConnections.google, 30],
  [benchConnections.apple, 8],
  [benchConnections.passwordless, 5],
  [benchConnections.okta, 4],
  [benchConnections.entra, 3],
];
const unverifiedDatabaseShare = 0.15;
// Some providers send capitalised addresses and users-by-email stores and matches them as sent.
const capitalisedSocialAddressShare = 0.05;
const tenantAgeMs = 3 * 365 * 24 * 3_600_000;
const tenantCreatedAt = Date.parse("2022-01-01T00:00:00.000Z");

export interface SyntheticTenant {
  seed: TenantSeed;
  truth: GroundTruth;
  /** The seeded accounts' identities, one per person in person order; logins add to `truth` only. */
  seeded: readonly KnownIdentity[];
  /** One entry per person: the connections each already has an identity on. */
  connectionsByPerson: Set<string>[];
}

export function addressOf(person: number): string {
  return `person${person}@bench.example`;
}

/** The address with the capitals some providers send: `Person12@Bench.example`. */
export function capitalised(email: string): string {
  return email.replace(/^p/, "P").replace(/@b/, "@B");
}

export function providerUserIdFor(connection: BenchConnection, serial: number): string {
  switch (connection) {
    case benchConnections.google:
    case benchConnections.apple:
      return `1${String(serial).padStart(20, "0")}`;
    default:
      return `u${serial.toString(16).padStart(23, "0")}`;
  }
}

export function strategyOf(connections: readonly Connection[], name: string): string {
  const connection = connections.find((candidate) => candidate.name === name);
  if (!connection) throw new Error(`the bench tenant has no connection ${name}`);
  return connection.strategy;
}

/** A tenant of `users` people with one account each, and who every identity belongs to. */
export function generateTenant(options: {
  users: number;
  random: Random;
  baseSeed: TenantSeed;
}): SyntheticTenant {
  const { random, baseSeed } = options;
  const truth = new GroundTruth();
  const users: StoredUser[] = [];
  const seeded: KnownIdentity[] = [];
  const connectionsByPerson: Set<string>[] = [];
  for (let person = 0; person < options.users; person++) {
    const connection = random.weighted(existingAccountConnections);
    const strategy = strategyOf(baseSeed.connections, connection);
    const isSocial =
      connection === benchConnections.google || connection === benchConnections.apple;
    const email =
      isSocial && random.chance(capitalisedSocialAddressShare)
        ? capitalised(addressOf(person))
        : addressOf(person);
    const emailVerified =
      connection === benchConnections.database ? !random.chance(unverifiedDatabaseShare) : true;
    const providerUserId = providerUserIdFor(connection, person);
    const createdAt = new Date(tenantCreatedAt + random.int(tenantAgeMs)).toISOString();
    const identity: KnownIdentity = {
      connection,
      strategy,
      providerUserId,
      person,
      email,
      emailVerified,
    };
    truth.register(identity);
    seeded.push(identity);
    connectionsByPerson.push(new Set([connection]));
    users.push({
      user_id: `${strategy}|${providerUserId}`,
      email,
      email_verified: emailVerified,
      name: email,
      nickname: `person${person}`,
      created_at: createdAt,
      updated_at: createdAt,
      identities: [{ provider: strategy, user_id: providerUserId, connection, isSocial }],
      app_metadata: {},
      user_metadata: {},
      logins_count: 1 + random.int(40),
    });
  }
  return { seed: { ...baseSeed, users }, truth, seeded, connectionsByPerson };
}
