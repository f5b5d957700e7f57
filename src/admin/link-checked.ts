import type { AdminClient, IdentityToLink } from "./management-client";
import type { AdminFailure } from "./outcome";

export type CheckedLink =
  /** `identities`: the primary's identities as the API last answered them (the link's answer). */
  | { result: "linked"; checked: boolean; identities: unknown }
  | { result: "failed"; outcome: AdminFailure<unknown> };

function hasIdentity(user: unknown, identity: IdentityToLink): boolean {
  const identities = (user as { identities?: unknown } | undefined)?.identities;
  return (
    Array.isArray(identities) &&
    identities.some(
      (candidate: { provider?: unknown; user_id?: unknown }) =>
        candidate?.provider === identity.provider &&
        String(candidate?.user_id) === identity.user_id,
    )
  );
}

/**
 * Links `identity` into the primary and says whether it is linked now. Any answer but a 2xx
 * (a lost answer, a 5xx, 409 "Specified identity already exists." or 400 "Provided secondary
 * account not found.", which may be the echo of an earlier attempt that landed) is checked
 * against the primary's identities before it counts as failed.
 */
export async function linkIdentityChecked(
  client: AdminClient,
  primaryUserId: string,
  identity: IdentityToLink,
): Promise<CheckedLink> {
  const outcome = await client.linkIdentity(primaryUserId, identity);
  if (outcome.kind === "ok") return { result: "linked", checked: false, identities: outcome.value };
  if (outcome.kind === "not_sent") return { result: "failed", outcome };
  const primary = await client.getUser(primaryUserId, ["identities"]);
  if (primary.kind === "ok" && hasIdentity(primary.value, identity)) {
    const { identities } = primary.value as { identities?: unknown };
    return { result: "linked", checked: true, identities };
  }
  return { result: "failed", outcome };
}
