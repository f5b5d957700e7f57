// Only exchanges in which a person signs in, in a browser or on a device, may link. Post-login
// also runs for exchanges in which nobody logs in, or in which the application, not the person,
// vouches for the login; linking there would change who the tokens belong to without a person
// present (and setPrimaryUser cannot always take effect). Auth0 adds protocols over time, so this
// is an allow-list: a protocol nobody has reviewed does not link.
export const INTERACTIVE_PROTOCOLS: ReadonlySet<string> = new Set([
  "oidc-basic-profile",
  "oidc-implicit-profile",
  "oidc-hybrid-profile",
  "samlp",
  "wsfed",
  "oauth2-device-code",
]);

// Known, reviewed and refused: listed so the log can tell them from a protocol nobody reviewed.
export const NON_INTERACTIVE_PROTOCOLS: ReadonlySet<string> = new Set([
  "oauth2-refresh-token",
  "oauth2-token-exchange",
  "oauth2-password",
  "oauth2-resource-owner",
  "oauth2-resource-owner-jwt-bearer",
  "oauth2-access-token",
  "oauth2-client-credentials",
  "wstrust-usernamemixed",
]);

export type ProtocolKind = "interactive" | "non_interactive" | "unknown";

export function protocolKind(protocol: string | undefined): ProtocolKind {
  if (protocol !== undefined && INTERACTIVE_PROTOCOLS.has(protocol)) return "interactive";
  if (protocol !== undefined && NON_INTERACTIVE_PROTOCOLS.has(protocol)) return "non_interactive";
  return "unknown";
}

export function isInteractive(protocol: string | undefined): boolean {
  return protocolKind(protocol) === "interactive";
}
