import type { Connection, StoredUser, UserIdentity } from "../../../src/local-tenant/tenant-state";

export interface AccountSpec {
  connection: string;
  providerUserId: string;
  email?: string;
  /** Anything the store may hold: a real tenant has seen `"true"` and missing values. */
  emailVerified?: unknown;
  createdAt: string;
  userMetadata?: Record<string, unknown>;
  appMetadata?: Record<string, unknown>;
  /** Identities already linked into this account, as `{ connection, providerUserId }`. */
  linked?: { connection: string; providerUserId: string }[];
  /** An administrator blocked the account. */
  blocked?: boolean;
  /** MFA providers enrolled, as the Management API lists them (`["guardian"]`). */
  multifactor?: string[];
  /**
   * Authentication methods enrolled (`webauthn-roaming`, `email`, `totp`, ...); the tenant sets
   * `multifactor` from them as Auth0 does, empty when the only factors are email or WebAuthn.
   */
  factors?: string[];
}

const nonSocialStrategies = new Set(["auth0", "email", "okta", "waad", "samlp", "oidc"]);

function identityOf(
  connections: readonly Connection[],
  connectionName: string,
  providerUserId: string,
): UserIdentity {
  const connection = connections.find((candidate) => candidate.name === connectionName);
  if (!connection) throw new Error(`the scenario has no connection named ${connectionName}`);
  return {
    provider: connection.strategy,
    user_id: providerUserId,
    connection: connection.name,
    isSocial: !nonSocialStrategies.has(connection.strategy),
  };
}

/** A user as it sits in the tenant before the scenario's first login. */
export function storedAccount(connections: readonly Connection[], spec: AccountSpec): StoredUser {
  const main = identityOf(connections, spec.connection, spec.providerUserId);
  const linked = (spec.linked ?? []).map((identity) => ({
    ...identityOf(connections, identity.connection, identity.providerUserId),
    profileData: {},
  }));
  return {
    user_id: `${main.provider}|${main.user_id}`,
    ...(spec.email === undefined ? {} : { email: spec.email }),
    ...(spec.emailVerified === undefined ? {} : { email_verified: spec.emailVerified as boolean }),
    created_at: spec.createdAt,
    updated_at: spec.createdAt,
    identities: [main, ...linked],
    app_metadata: structuredClone(spec.appMetadata ?? {}),
    user_metadata: structuredClone(spec.userMetadata ?? {}),
    logins_count: 1,
    ...(spec.blocked === undefined ? {} : { blocked: spec.blocked }),
    ...(spec.multifactor === undefined ? {} : { multifactor: [...spec.multifactor] }),
  };
}

export function userIdOf(
  connections: readonly Connection[],
  connection: string,
  providerUserId: string,
) {
  const identity = identityOf(connections, connection, providerUserId);
  return `${identity.provider}|${identity.user_id}`;
}

/** The authentication methods of the accounts, as a seed lists them. */
export function seededFactors(connections: readonly Connection[], specs: readonly AccountSpec[]) {
  return specs.flatMap((spec) =>
    (spec.factors ?? []).map((type) => ({
      user_id: userIdOf(connections, spec.connection, spec.providerUserId),
      type,
    })),
  );
}
