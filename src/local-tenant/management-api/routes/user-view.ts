import type { StoredUser, UserIdentity } from "../../tenant-state";
import type { RouteContext } from "../route";
import { selectFields } from "./select-fields";

/**
 * The specification's user and identity schemas: each of these is "returned only if scope
 * read:user_idp_tokens is defined".
 */
const idpTokenFields = ["access_token", "access_token_secret", "refresh_token"] as const;

function mayReadIdpTokens(context: Pick<RouteContext, "scopes">): boolean {
  return context.scopes.includes("read:user_idp_tokens");
}

/** Identities as a token may see them: without the provider's tokens unless it may read them. */
export function identitiesView(
  identities: readonly UserIdentity[],
  context: Pick<RouteContext, "scopes">,
): UserIdentity[] {
  if (mayReadIdpTokens(context)) return [...identities];
  return identities.map((identity) => {
    const visible = { ...identity };
    for (const field of idpTokenFields) delete visible[field];
    return visible;
  });
}

/** A user as a token may see it (identity provider tokens), then `fields`/`include_fields`. */
export function userView(
  user: StoredUser,
  context: Pick<RouteContext, "scopes" | "query">,
): Record<string, unknown> {
  return selectFields(
    { ...user, identities: identitiesView(user.identities, context) },
    context.query,
  );
}
