import { type AccountSnapshot, isPlainRecord } from "./account";

/**
 * Whether an account has MFA is read from what Auth0 says it enrolled. The user object's
 * `multifactor` is not enough: Auth0 clears it when the only factors are email or WebAuthn
 * (support article "Users with MFA but multifactor[] is Missing", community.auth0.com/t/136610),
 * so an account whose only factor is a security key would pass for one without MFA: it could
 * be made the secondary of an account without a factor, or the session moved onto it. The
 * authentication methods (`GET /api/v2/users/{id}/authentication-methods`,
 * `read:authentication_methods`) list every factor.
 */

// The ways of signing in to a database connection, not second factors. Every other type counts,
// one Auth0 adds later included: an unknown type makes an account protected, never exposed.
const signInMethodTypes: ReadonlySet<string> = new Set(["password", "passkey"]);

/** Methods asked for in one read; a user with more fails the read rather than be guessed. */
export const AUTHENTICATION_METHODS_PER_PAGE = 100;

/**
 * Whether an authentication-methods answer lists a second factor: a list of methods, or the
 * paginated object (`include_totals`) with the list under `authenticators`. Any other shape,
 * a method without a type, or a full page without a factor is `undefined`, which a shell treats
 * as a failed read. An unconfirmed enrolment counts: it may be confirmed at any time.
 */
export function anyFactorInAnswer(body: unknown): boolean | undefined {
  const methods = Array.isArray(body)
    ? body
    : isPlainRecord(body) && Array.isArray(body.authenticators)
      ? body.authenticators
      : undefined;
  if (methods === undefined) return undefined;
  let factor = false;
  for (const method of methods) {
    if (!isPlainRecord(method) || typeof method.type !== "string") return undefined;
    factor ||= !signInMethodTypes.has(method.type);
  }
  if (factor) return true;
  return methods.length < AUTHENTICATION_METHODS_PER_PAGE ? false : undefined;
}

/**
 * The user ids whose authentication methods must be read before these accounts are planned:
 * those whose enrolment nothing settled yet. Only verified accounts can join a plan, and with
 * fewer than two of them nothing links, whatever their factors: nothing is read.
 */
export function factorsToRead(accounts: readonly AccountSnapshot[]): string[] {
  const verified = accounts.filter((account) => account.emailVerified);
  if (verified.length < 2) return [];
  return [...new Set(verified.filter((a) => !a.factorsKnown).map((a) => a.userId))];
}

/** One user's authentication methods, as a shell read them: whether a factor is among them. */
export type FactorAnswer<Failure> =
  | { ok: true; enrolled: boolean }
  | { ok: false; failure: Failure };

export type FactorsCollected<Failure> =
  | { ok: true; enrolled: ReadonlyMap<string, boolean> }
  | { ok: false; failure: Failure };

/**
 * Runs a shell's `read` for each user id, all at once: one round trip, whatever their number.
 * The first failure (in the order of `userIds`) stops the plan that waited on them.
 */
export async function collectFactors<Failure>(
  userIds: readonly string[],
  read: (userId: string) => Promise<FactorAnswer<Failure>>,
): Promise<FactorsCollected<Failure>> {
  const answers = await Promise.all(userIds.map((userId) => read(userId)));
  const enrolled = new Map<string, boolean>();
  for (const [index, userId] of userIds.entries()) {
    const answer = answers[index] as FactorAnswer<Failure>;
    if (!answer.ok) return { ok: false, failure: answer.failure };
    enrolled.set(userId, answer.enrolled);
  }
  return { ok: true, enrolled };
}

/** The account with what its authentication methods said, when they were read. */
export function withFactors(
  account: AccountSnapshot,
  enrolled: ReadonlyMap<string, boolean>,
): AccountSnapshot {
  const read = enrolled.get(account.userId);
  if (read === undefined) return account;
  return { ...account, mfaEnrolled: account.mfaEnrolled || read, factorsKnown: true };
}
