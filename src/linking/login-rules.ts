import { type AccountSnapshot, isPlainRecord } from "./account";
import type { SkipReason } from "./errors";
import type { LinkPlan } from "./plan";

type LinkingPlan = Extract<LinkPlan, { kind: "link" }>;

export interface LoginRejection {
  reason: SkipReason;
  detail: string;
}

/** `event.authentication.methods` lists `{ name: "mfa" }` once MFA passed in this session. */
export function hasCompletedMfa(methods: unknown): boolean {
  return (
    Array.isArray(methods) &&
    methods.some((method) => isPlainRecord(method) && method.name === "mfa")
  );
}

/** An ID token's `amr` lists `mfa` when MFA was performed in the sign-in that issued it. */
export function idTokenShowsMfa(amr: unknown): boolean {
  return Array.isArray(amr) && amr.includes("mfa");
}

/**
 * What a plan may do at this login, given the factors it proved.
 *
 * The session never moves onto an account with MFA enrolled: the MFA a login completed (if any)
 * was the factor of the account that logged in, never the other account's, so nothing in this
 * login proves the person holds the primary's factor. The prompted flow settles it by a nested
 * login that runs that account's own MFA policy.
 *
 * An account with MFA enrolled takes in a new identity only at a login of its own that completed
 * MFA: adding a way into an account is a change only its owner, factor proved, may make.
 *
 * With automatic linking off, no plan links at a login: each is offered as a sign-in instead.
 */
export function checkLinkAtLogin(
  plan: LinkingPlan,
  login: { completedMfa: boolean; automaticLinking: boolean },
): LoginRejection | undefined {
  if (!login.automaticLinking) {
    return {
      reason: "automatic_linking_off",
      detail: "AUTOMATIC_LINKING=off: a link is made only after a sign-in to the other account",
    };
  }
  if (!plan.primary.mfaEnrolled) return undefined;
  if (plan.currentBecomesSecondary) {
    return {
      reason: "mfa_required",
      detail: "the session would move to an account with MFA enrolled",
    };
  }
  if (!login.completedMfa) {
    return {
      reason: "mfa_required",
      detail: "an account with MFA enrolled links only at a login that completed MFA",
    };
  }
  return undefined;
}

// In these exchanges nobody signs in: a refresh or a token exchange rides on an earlier login,
// which passed this check itself.
const exchangesWithoutASignIn: ReadonlySet<string> = new Set([
  "oauth2-refresh-token",
  "oauth2-token-exchange",
  "oauth2-client-credentials",
]);

/**
 * A login through an identity that is not the user's main one, onto a user with MFA enrolled,
 * without MFA completed: the path a link opened. The tenant's MFA policy may be written for the
 * main identity's connection only, so the Action requires the user's factor itself.
 *
 * The event names the login's connection, not its identity: when the main identity shares its
 * connection with another identity, nobody can tell which one logged in, so it counts as linked.
 */
export function needsMfaChallenge(
  user: AccountSnapshot,
  login: { connection: string | undefined; completedMfa: boolean; protocol: string | undefined },
): boolean {
  if (!user.mfaEnrolled || login.completedMfa) return false;
  if (login.protocol !== undefined && exchangesWithoutASignIn.has(login.protocol)) return false;
  const onLoginConnection = user.identities.filter(
    (identity) => identity.connection === login.connection,
  );
  return user.identities[0]?.connection !== login.connection || onLoginConnection.length > 1;
}
