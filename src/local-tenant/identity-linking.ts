import { ManagementApiError, type TenantErrorReason } from "./management-api-error";
import type { StoredUser, UserIdentity } from "./tenant-records";
import { identityKey } from "./user-store";

export interface LinkIdentityInput {
  provider: string;
  user_id: string;
  connection_id?: string;
}

export const linkErrorMessages = {
  sameIdentity: "Main identity and the new one are the same.",
  secondaryNotFound: "Provided secondary account not found.",
  identityAlreadyExists: "Specified identity already exists.",
  mainIdentityCannotBeRemoved: "Main identity cannot be removed.",
} as const;

// Strategies whose identities Auth0 marks `isSocial: false`; every other strategy is a social
// provider (google-oauth2, apple, github, custom `oauth2`, ...).
const nonSocialStrategies = new Set([
  "auth0",
  "email",
  "sms",
  "samlp",
  "waad",
  "okta",
  "oidc",
  "adfs",
  "ad",
  "pingfederate",
  "google-apps",
  "wsfed",
  "ip",
  "office365",
  "custom",
]);

/** An identity's `isSocial` for a connection of this strategy. */
export function isSocialStrategy(strategy: string): boolean {
  return !nonSocialStrategies.has(strategy);
}

// Root fields that describe the account rather than the person; they do not travel into
// `profileData` when the account becomes a secondary identity.
const accountFields = new Set([
  "user_id",
  "identities",
  "app_metadata",
  "user_metadata",
  "created_at",
  "updated_at",
  "logins_count",
  "last_login",
  "last_ip",
  "blocked",
  "multifactor",
]);

/** What a user's root profile becomes when it turns into a secondary identity's `profileData`. */
export function profileOf(user: StoredUser): Record<string, unknown> {
  return Object.fromEntries(Object.entries(user).filter(([field]) => !accountFields.has(field)));
}

/** Refuses, as Auth0 does, a link of the primary's own user id or of an identity it already has. */
export function refuseRelink(primary: StoredUser, input: LinkIdentityInput): void {
  const secondaryId = `${input.provider}|${input.user_id}`;
  if (secondaryId === primary.user_id) {
    throw linkError(400, "Bad Request", linkErrorMessages.sameIdentity, "link-same-identity");
  }
  if (primary.identities.some((identity) => sameIdentity(identity, input))) {
    throw linkError(
      409,
      "Conflict",
      linkErrorMessages.identityAlreadyExists,
      "link-identity-already-exists",
    );
  }
}

export function requireSecondary(holder: StoredUser | undefined): StoredUser {
  if (!holder) {
    throw linkError(
      400,
      "Bad Request",
      linkErrorMessages.secondaryNotFound,
      "link-secondary-not-found",
    );
  }
  return holder;
}

/** The primary's identities once the holder moved into it whole, its root profile as `profileData`. */
export function identitiesAfterLink(primary: StoredUser, holder: StoredUser): UserIdentity[] {
  const [holderMain, ...holderLinked] = holder.identities;
  return [
    ...primary.identities,
    ...(holderMain ? [{ ...holderMain, profileData: profileOf(holder) }] : []),
    ...holderLinked,
  ];
}

/** The linked identity to unlink, if the primary has it; refuses its main identity. */
export function identityToUnlink(
  primary: StoredUser,
  provider: string,
  providerUserId: string,
): UserIdentity | undefined {
  const wanted = { provider, user_id: providerUserId };
  const [main] = primary.identities;
  if (main && sameIdentity(main, wanted)) {
    throw linkError(
      400,
      "Bad Request",
      linkErrorMessages.mainIdentityCannotBeRemoved,
      "unlink-main-identity",
    );
  }
  return primary.identities.find((identity) => sameIdentity(identity, wanted));
}

/** The user an unlinked identity becomes: its `profileData` at the root, no metadata. */
export function userOfUnlinkedIdentity(leaving: UserIdentity, now: string): StoredUser {
  const { profileData, ...identity } = leaving;
  return {
    ...structuredClone(profileData ?? {}),
    user_id: identityKey(identity.provider, identity.user_id),
    created_at: now,
    updated_at: now,
    identities: [identity],
    app_metadata: {},
    user_metadata: {},
    logins_count: 0,
  };
}

function sameIdentity(
  identity: Pick<UserIdentity, "provider" | "user_id">,
  wanted: Pick<UserIdentity, "provider" | "user_id">,
): boolean {
  return (
    identity.provider === wanted.provider && String(identity.user_id) === String(wanted.user_id)
  );
}

function linkError(
  statusCode: 400 | 409,
  error: string,
  message: string,
  reason: TenantErrorReason,
): ManagementApiError {
  return new ManagementApiError({ statusCode, error, message, reason });
}
