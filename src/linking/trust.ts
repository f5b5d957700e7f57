export type TrustPolicy =
  | { kind: "default" }
  | { kind: "listed"; connections: ReadonlySet<string> };

export interface ConnectionRef {
  name: string;
  strategy?: string;
  provider?: string;
}

// Only providers that prove the address before reporting it as verified. Enterprise and SAML
// connections are absent on purpose: their email claims can be set by the customer's directory
// (nOAuth), so an administrator must opt in by name.
const DEFAULT_TRUSTED_STRATEGIES: ReadonlySet<string> = new Set([
  "auth0",
  "email",
  "google-oauth2",
  "apple",
]);

export const DEFAULT_TRUST_POLICY: TrustPolicy = { kind: "default" };

export function isTrustedConnection(connection: ConnectionRef, policy: TrustPolicy): boolean {
  if (policy.kind === "listed") {
    return policy.connections.has(connection.name);
  }
  return (
    (connection.strategy !== undefined && DEFAULT_TRUSTED_STRATEGIES.has(connection.strategy)) ||
    (connection.provider !== undefined && DEFAULT_TRUSTED_STRATEGIES.has(connection.provider))
  );
}
