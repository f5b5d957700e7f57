export type TrustPolicy =
  | { kind: "default" }
  | { kind: "listed"; connections: ReadonlySet<string> };

export interface ConnectionRef {
  name: string;
  strategy?: string;
  provider?: string;
}

/**
 * A database connection (strategy `auth0`) either keeps its users in Auth0 or runs the tenant's
 * own database scripts, whose `email_verified` is whatever a legacy store says. `options_withheld`:
 * the tenant listed the connection without its `options` (the credentials lack
 * `read:connections_options`), so which of the two it is cannot be read.
 */
export type DatabaseKind = "built_in" | "custom" | "options_withheld";

/** What the tenant says about its database connections, by connection name: plain data. */
export type DatabaseKinds = Readonly<Record<string, DatabaseKind>>;

export type ConnectionTrust =
  | "trusted"
  | "untrusted"
  | "custom_database"
  | "options_withheld_database"
  | "unknown_database";

const DATABASE_STRATEGY = "auth0";

// Only providers that prove the address before reporting it as verified. Enterprise and SAML
// connections are absent on purpose: their email claims can be set by the customer's directory
// (nOAuth), so an administrator must opt in by name.
const DEFAULT_TRUSTED_STRATEGIES: ReadonlySet<string> = new Set([
  DATABASE_STRATEGY,
  "email",
  "google-oauth2",
  "apple",
]);

export const DEFAULT_TRUST_POLICY: TrustPolicy = { kind: "default" };

function isDatabase(connection: ConnectionRef): boolean {
  return connection.strategy === DATABASE_STRATEGY || connection.provider === DATABASE_STRATEGY;
}

/**
 * A listed connection is trusted because an administrator said so, custom database or not. By
 * default a database connection is trusted only once the tenant has said it is the built-in
 * kind: a custom database, one listed without its options, or one nobody could tell, is not
 * (fail closed).
 */
export function connectionTrust(
  connection: ConnectionRef,
  policy: TrustPolicy,
  databaseKinds: DatabaseKinds,
): ConnectionTrust {
  if (policy.kind === "listed") {
    return policy.connections.has(connection.name) ? "trusted" : "untrusted";
  }
  const byStrategy =
    (connection.strategy !== undefined && DEFAULT_TRUSTED_STRATEGIES.has(connection.strategy)) ||
    (connection.provider !== undefined && DEFAULT_TRUSTED_STRATEGIES.has(connection.provider));
  if (!byStrategy) return "untrusted";
  if (!isDatabase(connection)) return "trusted";
  const kind = Object.hasOwn(databaseKinds, connection.name)
    ? databaseKinds[connection.name]
    : undefined;
  if (kind === "built_in") return "trusted";
  if (kind === "custom") return "custom_database";
  return kind === "options_withheld" ? "options_withheld_database" : "unknown_database";
}

export function isTrustedConnection(
  connection: ConnectionRef,
  policy: TrustPolicy,
  databaseKinds: DatabaseKinds,
): boolean {
  return connectionTrust(connection, policy, databaseKinds) === "trusted";
}

/** Whether the trust decision for this connection waits on learning what kind of database it is. */
export function needsDatabaseKind(
  connection: ConnectionRef,
  policy: TrustPolicy,
  databaseKinds: DatabaseKinds,
): boolean {
  return connectionTrust(connection, policy, databaseKinds) === "unknown_database";
}
