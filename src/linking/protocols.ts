// Post-login also runs for exchanges in which nobody logs in, or in which the application, not
// the person, vouches for the login. Linking there would change who the tokens belong to without
// a person present (and setPrimaryUser cannot always take effect), so those wait for the next
// interactive login.
export const nonInteractiveProtocols: ReadonlySet<string> = new Set([
  "oauth2-refresh-token",
  "oauth2-token-exchange",
  "oauth2-password",
  "oauth2-resource-owner",
  "oauth2-resource-owner-jwt-bearer",
  "oauth2-client-credentials",
]);

export function isNonInteractive(protocol: string | undefined): boolean {
  return protocol !== undefined && nonInteractiveProtocols.has(protocol);
}
