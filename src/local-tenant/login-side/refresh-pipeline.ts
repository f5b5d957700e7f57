import type Provider from "oidc-provider";
import type { LoginInput, LoginSimulator } from "../simulator/login";
import type { TenantState } from "../tenant-state";

export type SignedIn = Pick<
  LoginInput,
  "connection" | "providerUserId" | "email" | "emailVerified"
>;

export type RefreshOutcome = { allowed: true } | { allowed: false; description: string };

/**
 * On Auth0 a refresh-token exchange runs the post-login Actions with `event.transaction.protocol`
 * `oauth2-refresh-token` (https://auth0.com/docs/customize/actions/explore-triggers/signup-and-login-triggers/login-trigger/post-login-event-object);
 * a deny there refuses the exchange. A token oidc-provider does not know is left to it to refuse.
 */
export async function runPipelineForRefresh(
  provider: Provider,
  state: TenantState,
  simulator: LoginSimulator,
  lastSignIn: ReadonlyMap<string, SignedIn>,
  refreshToken: string,
): Promise<RefreshOutcome> {
  const token = await provider.RefreshToken.find(refreshToken);
  if (!token?.accountId) return { allowed: true };
  const signedIn = lastSignIn.get(token.accountId) ?? primaryIdentity(state, token.accountId);
  if (!signedIn) return { allowed: false, description: "the user no longer exists" };
  const result = await simulator.login({
    ...signedIn,
    protocol: "oauth2-refresh-token",
    clientId: token.clientId,
  });
  if (result.sessionUserId === token.accountId) return { allowed: true };
  return {
    allowed: false,
    description: result.denied ?? `the refresh failed (${result.errorCode ?? "error"})`,
  };
}

function primaryIdentity(state: TenantState, userId: string): SignedIn | undefined {
  const user = state.getUser(userId);
  const identity = user?.identities[0];
  if (!user || !identity) return undefined;
  return {
    connection: identity.connection,
    providerUserId: String(identity.user_id),
    ...(user.email === undefined ? {} : { email: user.email }),
    emailVerified: user.email_verified === true,
  };
}
