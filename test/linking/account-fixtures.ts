import type { AccountSnapshot } from "../../src/linking/account";
import type { DatabaseKinds } from "../../src/linking/trust";

export const DATABASE = { name: "Username-Password-Authentication", strategy: "auth0" };
export const GOOGLE = { name: "google-oauth2", strategy: "google-oauth2" };
export const APPLE = { name: "apple", strategy: "apple" };
export const PASSWORDLESS_EMAIL = { name: "email", strategy: "email" };
export const GITHUB = { name: "github", strategy: "github" };
export const SAML = { name: "acme-saml", strategy: "samlp" };
export const ENTRA = { name: "acme-entra", strategy: "waad" };
export const LEGACY_DATABASE = { name: "legacy-db", strategy: "auth0" };

/** The tenant these fixtures describe: one built-in database connection and one custom one. */
export const DATABASE_KINDS: DatabaseKinds = {
  [DATABASE.name]: "built_in",
  [LEGACY_DATABASE.name]: "custom",
};

export type Connection = { name: string; strategy: string };

export function identity(connection: Connection, providerUserId: string) {
  return { provider: connection.strategy, providerUserId, connection: connection.name };
}

export function account(
  userId: string,
  overrides: Partial<AccountSnapshot> & { connection?: Connection } = {},
): AccountSnapshot {
  const { connection = DATABASE, ...rest } = overrides;
  return {
    userId,
    email: "jane@example.com",
    emailVerified: true,
    createdAt: "2024-01-01T00:00:00.000Z",
    identities: [identity(connection, userId.slice(userId.indexOf("|") + 1))],
    userMetadata: {},
    appMetadata: {},
    blocked: false,
    mfaEnrolled: false,
    factorsKnown: true,
    ...rest,
  };
}
