import type { AccountIdentity, AccountSnapshot } from "./account";
import type { LinkStep } from "./plan";

/**
 * A link acts on whoever holds the identity when it is sent: when another user holds it by then,
 * Auth0 moves that user whole (every identity) into the primary and deletes it, with no error
 * (support article "Attempting to Link a User to an Already Linked Identity - Results Does not
 * Fail", community.auth0.com/t/132916). These rules say whether the planned secondary is still
 * the account that was checked, and which identities a link's answer brought that nobody planned.
 */

export type IdentityRef = Pick<AccountIdentity, "provider" | "providerUserId" | "connection">;

// An identity is its provider, its id and its connection: two database connections can each hold
// the same id.
function sameIdentity(a: IdentityRef, b: IdentityRef): boolean {
  return (
    a.provider === b.provider &&
    a.providerUserId === b.providerUserId &&
    a.connection === b.connection
  );
}

/** `provider|user_id`, as a log line names an identity (the redaction hides any address in it). */
export function identityName(identity: IdentityRef): string {
  return `${identity.provider}|${identity.providerUserId}`;
}

/** The planned secondary, read again: still its own user, holding only the planned identity. */
export function standsAlone(account: AccountSnapshot | undefined, step: LinkStep): boolean {
  if (account === undefined || account.userId !== step.secondaryUserId) return false;
  const [only, ...others] = account.identities;
  return only !== undefined && others.length === 0 && sameIdentity(only, step);
}

/**
 * The identities in a link's answer (the primary's identities now) that the plan did not expect:
 * `planned` is the primary's identities as planned and every link step's.
 */
export function unplannedIdentities(
  answer: readonly IdentityRef[],
  planned: readonly IdentityRef[],
): IdentityRef[] {
  return answer.filter((identity) => !planned.some((expected) => sameIdentity(identity, expected)));
}
