import type { LinkingConfig } from "../linking/config";

/**
 * The Management API scopes the Action's application needs, each with a read that proves it:
 * a user id that cannot exist answers 404 when the scope is granted and 403 when it is not.
 * A write scope is not probed (the doctor writes nothing): the token answer's `scope` says.
 */
export interface RequiredScope {
  scope: string;
  why: string;
  probePath?: (missingUserId: string) => string;
}

const user = (id: string) => `/api/v2/users/${encodeURIComponent(id)}`;

const alwaysNeeded: readonly RequiredScope[] = [
  {
    scope: "read:users",
    why: "users-by-email, and a planned secondary's permissions",
    probePath: (id) => user(id),
  },
  { scope: "update:users", why: "link identities, carry metadata, write the marker" },
  {
    scope: "read:organizations",
    why: "whether a planned secondary is a member of an organization",
    probePath: (id) => `${user(id)}/organizations?per_page=1`,
  },
  {
    scope: "read:roles",
    why: "whether a planned secondary has a role",
    probePath: (id) => `${user(id)}/roles?per_page=1`,
  },
];

const readConnections: RequiredScope = {
  scope: "read:connections",
  why: "which database connections are custom databases (or name them in TRUSTED_CONNECTIONS)",
  probePath: () => "/api/v2/connections?strategy=auth0&take=1",
};

/** With TRUSTED_CONNECTIONS set the Action trusts by name alone and reads no connection. */
export function actionScopesFor(config: LinkingConfig): readonly RequiredScope[] {
  return config.trust.kind === "listed" ? alwaysNeeded : [...alwaysNeeded, readConnections];
}

/** The scopes the doctor's own application needs, for its --help. */
export const doctorScopes = [
  "read:clients (the prompt client)",
  "read:connections (the connections the prompt client is enabled on)",
  "read:custom_domains (the prompt client's callbacks on each custom domain)",
  "read:actions (the deployed Action and the post-login bindings)",
] as const;
