import type { LoginInput } from "../src/local-tenant/simulator/login";
import type { Connection } from "../src/local-tenant/tenant-state";
import { type GroundTruth, type KnownIdentity, shouldLink } from "./ground-truth";
import type { Random } from "./random";
import {
  addressOf,
  type BenchConnection,
  benchConnections,
  capitalised,
  providerUserIdFor,
  type SyntheticTenant,
  strategyOf,
} from "./synthetic-tenant";

export const loginKinds = [
  "returning",
  "refresh-token",
  "new-no-match",
  "new-with-match",
  "new-enterprise-match",
  "new-unverified-match",
] as const;
export type LoginKind = (typeof loginKinds)[number];

export interface BenchLogin {
  kind: LoginKind;
  /** Whose login it is: people never share an address, so no login affects another person's. */
  person: number;
  input: LoginInput;
}

export type LoginMix = Record<LoginKind, number>;

// Per login: most are people coming back, a quarter are silent token refreshes, a few percent
// are sign-ups, about 1% of them with an address the tenant already has.
export const defaultLoginMix: LoginMix = {
  returning: 0.69,
  "refresh-token": 0.25,
  "new-no-match": 0.04,
  "new-with-match": 0.01,
  "new-enterprise-match": 0.005,
  "new-unverified-match": 0.005,
};

const signUpConnections: readonly (readonly [BenchConnection, number])[] = [
  [benchConnections.google, 50],
  [benchConnections.database, 30],
  [benchConnections.apple, 15],
  [benchConnections.passwordless, 5],
];
const addressProvingSocialConnections: readonly BenchConnection[] = [
  benchConnections.google,
  benchConnections.apple,
  benchConnections.passwordless,
];
const enterpriseConnections: readonly BenchConnection[] = [
  benchConnections.okta,
  benchConnections.entra,
];
// New password accounts are often still unverified at their first login.
const verifiedDatabaseSignUpShare = 0.5;
const capitalisedLoginAddressShare = 0.2;
const refreshTokenProtocol = "oauth2-refresh-token";
const interactiveProtocol = "oidc-basic-profile";
// Far above any seeded person's serial, so a new identity never collides with a seeded one.
const firstNewIdentitySerial = 100_000_000;
const attemptsToFindAPerson = 50;

export interface LoginStream {
  next(kind?: LoginKind): BenchLogin;
}

/**
 * Plays sign-ups and returns against a synthetic tenant. Every identity a login creates is
 * registered in the tenant's ground truth before the login is handed out.
 */
export function createLoginStream(options: {
  tenant: SyntheticTenant;
  random: Random;
  mix?: LoginMix;
  /** Only people whose existing account the rule links to: a match that really links. */
  matchesLinkableOnly?: boolean;
}): LoginStream {
  const { tenant, random } = options;
  const truth: GroundTruth = tenant.truth;
  const connections: readonly Connection[] = tenant.seed.connections;
  const mix = Object.entries(options.mix ?? defaultLoginMix) as [LoginKind, number][];
  const known: KnownIdentity[] = [...tenant.seeded];
  const seededPeople = tenant.connectionsByPerson.length;
  const seededIdentities = tenant.seeded;
  let nextPerson = seededPeople;
  let nextSerial = firstNewIdentitySerial;

  const loginOf = (identity: KnownIdentity, protocol: string): LoginInput => ({
    connection: identity.connection,
    providerUserId: identity.providerUserId,
    email: identity.email,
    emailVerified: identity.emailVerified,
    protocol,
  });

  const signUp = (
    person: number,
    connection: BenchConnection,
    email: string,
    verified: boolean,
  ) => {
    const identity: KnownIdentity = {
      connection,
      strategy: strategyOf(connections, connection),
      providerUserId: providerUserIdFor(connection, nextSerial++),
      person,
      email,
      emailVerified: verified,
    };
    truth.register(identity);
    known.push(identity);
    const personConnections = tenant.connectionsByPerson[person] ?? new Set<string>();
    personConnections.add(connection);
    tenant.connectionsByPerson[person] = personConnections;
    return { person, input: loginOf(identity, interactiveProtocol) };
  };

  const existingPersonWithout = (wanted: readonly BenchConnection[]) => {
    for (let attempt = 0; attempt < attemptsToFindAPerson; attempt++) {
      const seeded = random.pick(seededIdentities);
      if (
        options.matchesLinkableOnly &&
        (!shouldLink(seeded) || seeded.email !== addressOf(seeded.person))
      )
        continue;
      const has = tenant.connectionsByPerson[seeded.person] ?? new Set<string>();
      const missing = wanted.filter((connection) => !has.has(connection));
      if (missing.length > 0) return { person: seeded.person, connection: random.pick(missing) };
    }
    return undefined;
  };

  const make = (kind: LoginKind): BenchLogin | undefined => {
    switch (kind) {
      case "returning":
      case "refresh-token": {
        const identity = random.pick(known);
        const protocol = kind === "returning" ? interactiveProtocol : refreshTokenProtocol;
        return { kind, person: identity.person, input: loginOf(identity, protocol) };
      }
      case "new-no-match": {
        const person = nextPerson++;
        const connection = random.weighted(signUpConnections);
        const verified =
          connection !== benchConnections.database || random.chance(verifiedDatabaseSignUpShare);
        return { kind, ...signUp(person, connection, addressOf(person), verified) };
      }
      case "new-with-match": {
        const found = existingPersonWithout(addressProvingSocialConnections);
        if (!found) return undefined;
        const address = addressOf(found.person);
        const email = random.chance(capitalisedLoginAddressShare) ? capitalised(address) : address;
        return { kind, ...signUp(found.person, found.connection, email, true) };
      }
      case "new-enterprise-match": {
        const found = existingPersonWithout(enterpriseConnections);
        if (!found) return undefined;
        return { kind, ...signUp(found.person, found.connection, addressOf(found.person), true) };
      }
      case "new-unverified-match": {
        const found = existingPersonWithout([benchConnections.database]);
        if (!found) return undefined;
        return { kind, ...signUp(found.person, found.connection, addressOf(found.person), false) };
      }
    }
  };

  return {
    next(kind) {
      const wanted = kind ?? random.weighted(mix);
      // A person who already has every connection cannot sign up again: come back instead.
      return make(wanted) ?? (make("returning") as BenchLogin);
    },
  };
}
