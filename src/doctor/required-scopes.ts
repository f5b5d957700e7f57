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

/** Every scope the Action needs, whatever TRUSTED_CONNECTIONS says: connection ids are read anyway. */
export const actionScopes: readonly RequiredScope[] = [
  {
    scope: "read:users",
    why: "users-by-email, and a planned secondary's permissions",
    probePath: (id) => user(id),
  },
  { scope: "update:users", why: "link identities, carry metadata, write the marker" },
  {
    scope: "read:connections",
    why: "each database connection's id, sent with the link of every database secondary, and which database connections are custom databases",
    probePath: () => "/api/v2/connections?strategy=auth0&take=1",
  },
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

/** The scopes the doctor's own application needs, for its --help. */
export const doctorScopes = [
  "read:clients (the prompt client)",
  "read:connections (the connections the prompt client is enabled on)",
  "read:custom_domains (the prompt client's callbacks on each custom domain)",
  "read:actions (the deployed Action and the post-login bindings)",
] as const;
